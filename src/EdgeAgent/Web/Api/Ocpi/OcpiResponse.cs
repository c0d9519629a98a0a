namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>The OCPI 2.2.1 response envelope (docs/pricing.md): <c>data</c>, <c>status_code</c> (1000 = success), <c>status_message</c>, <c>timestamp</c>.</summary>
public sealed record OcpiResponse<T>(T Data, int StatusCode, string StatusMessage, DateTimeOffset Timestamp);
