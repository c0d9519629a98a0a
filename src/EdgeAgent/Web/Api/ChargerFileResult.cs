namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>What a firmware or diagnostics request sent: the URL the charger was given and, for diagnostics, the file it announced.</summary>
public sealed record ChargerFileResult(string ChargerId, string Action, Uri Location, string? FileName);
