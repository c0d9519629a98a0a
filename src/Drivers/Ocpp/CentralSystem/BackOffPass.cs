namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>What of a limit asked for passes the back-off after a refusal (docs/ocpp.md, "Re-sends with back-off").</summary>
internal enum BackOffPass
{
    /// <summary>Nothing: a refused limit waits out its back-off (a cut as <see cref="Ports.OcppChargerSettings.LimitCutRetry"/> says).</summary>
    None,

    /// <summary>A cut the site needs now (<see cref="Devices.IHasLimitBackOff.SetNeededLimitAsync"/>).</summary>
    Cut,

    /// <summary>Any limit, for one the whole site waits on (<see cref="Devices.IHasLimitBackOff.SetLimitPastBackOffAsync"/>).</summary>
    Any,
}
