namespace ChargeNet.Drivers.Templates;

/// <summary>Per-charger settings a template may write on connect.</summary>
public enum ChargerSetting
{
    /// <summary>The current the charger falls back to when the controller goes silent.</summary>
    FailsafeCurrentA,

    /// <summary>How long the charger waits for the controller before falling back.</summary>
    CommunicationTimeoutS,
}
