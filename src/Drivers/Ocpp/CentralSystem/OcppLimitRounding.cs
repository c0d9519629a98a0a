namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>How a limit goes on the wire in every OCPP version.</summary>
public static class OcppLimitRounding
{
    /// <summary>
    /// Rounded DOWN to 0.1 A (the 1.6 schema's multipleOf; 2.0.1 takes the same), never up, so the
    /// charger is never allowed more than the control loop asked for.
    /// </summary>
    public static decimal ToSendable(double limitA) => Math.Round((decimal)Math.Max(0, limitA), 1, MidpointRounding.ToZero);
}
