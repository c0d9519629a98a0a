namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>ClearCache.req.</summary>
public sealed record ClearCacheRequest;
