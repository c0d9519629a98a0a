namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>OCPI DisplayText: a text in a language (ISO 639-1).</summary>
public sealed record OcpiDisplayText(string Language, string Text);
