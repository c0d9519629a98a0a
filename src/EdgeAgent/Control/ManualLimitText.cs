namespace ChargeNet.EdgeAgent.Control;

/// <summary>How events and problems name what a manual limit applies to.</summary>
internal static class ManualLimitText
{
    public static string Target(int? connectorId) => connectorId is { } id ? $"connector {id}" : "every connector";
}
