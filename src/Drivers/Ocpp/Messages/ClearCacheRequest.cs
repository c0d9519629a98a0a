namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>ClearCache.req.</summary>
public sealed record ClearCacheRequest;
