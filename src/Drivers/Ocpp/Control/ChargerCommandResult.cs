namespace ChargeNet.Drivers.Ocpp.Control;

/// <summary>A charger's answer to a command.</summary>
/// <param name="Succeeded">The charger accepted it (or scheduled it, or unlocked).</param>
/// <param name="Answer">The charger's own word for its answer (e.g. Accepted, Scheduled, Rejected), for people.</param>
/// <param name="FileName">For a log upload: the file the charger says it will upload, when it says.</param>
public sealed record ChargerCommandResult(bool Succeeded, string Answer, string? FileName = null);
