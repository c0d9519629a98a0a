namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The retained <c>status</c> message, also the will message with <c>online</c> false.</summary>
public sealed record StatusPayload(bool Online, string Version, DateTimeOffset StartedAt, DateTimeOffset Ts);
