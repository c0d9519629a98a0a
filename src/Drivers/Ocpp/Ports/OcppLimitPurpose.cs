namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>Which profile carries the edge's limit (the purpose names are the same in OCPP 1.6 and 2.0.1).</summary>
public enum OcppLimitPurpose
{
    /// <summary>A TxDefaultProfile on the connector, always.</summary>
    TxDefaultProfile,

    /// <summary>A TxProfile bound to the running transaction while one runs, else a TxDefaultProfile.</summary>
    TxProfile,
}
