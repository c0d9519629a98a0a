namespace ChargeNet.Drivers.Ocpp;

/// <summary>The OCPP versions the central system speaks (docs/ocpp.md); each is one WebSocket subprotocol.</summary>
public enum OcppVersion
{
    /// <summary>OCPP 1.6 edition 2, JSON (subprotocol <c>ocpp1.6</c>).</summary>
    V16,

    /// <summary>OCPP 2.0.1, JSON (subprotocol <c>ocpp2.0.1</c>).</summary>
    V201,
}
