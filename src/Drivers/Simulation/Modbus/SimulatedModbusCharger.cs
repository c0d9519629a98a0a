using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Templates;

namespace ChargeNet.Drivers.Simulation.Modbus;

/// <summary>
/// One connector of a charger at the register level, built from a charger template and bound to an
/// <see cref="ISimulatedOutlet"/>. Before each read it fills state, currents, energy and limit in force
/// from the outlet; when a master writes the current limit (or pause/resume) it sets
/// <see cref="ISimulatedOutlet.OfferedA"/>. It honours the template's failsafe: until a master keeps
/// it alive (limit rewrite, life bit or heartbeat, as the template says), and whenever the master falls
/// silent for the timeout, the outlet is offered the failsafe current.
/// </summary>
/// <example>
/// <code>
/// var charger = new SimulatedModbusCharger(catalog.Get("alfen-ng9xx"), outlet, timeProvider);
/// server.AddUnit(1, charger); // a connector with a unitIdOffset goes on unitId + offset
/// </code>
/// </example>
public sealed class SimulatedModbusCharger : IModbusServerUnit, IDisposable
{
    private readonly ChargerDefinition _charger;
    private readonly TemplateRegisterImage _image;
    private readonly TimeProvider _time;
    private readonly ITimer _silenceTimer;
    private readonly Lock _lock = new();
    private double? _lastLifeBit;
    private bool _paused;

    /// <param name="template">A charger template.</param>
    /// <param name="outlet">The electrical side this connector serves.</param>
    /// <param name="timeProvider">The clock of the failsafe timeout.</param>
    /// <param name="connectorId">Which of the template's connectors this is (its address offset applies).</param>
    public SimulatedModbusCharger(DeviceTemplate template, ISimulatedOutlet outlet, TimeProvider timeProvider, int connectorId = 1)
    {
        ArgumentNullException.ThrowIfNull(template);
        _charger = template.Charger ?? throw new ArgumentException($"Template '{template.Id}' is not a charger.", nameof(template));
        var connector = _charger.Connectors.FirstOrDefault(c => c.ConnectorId == connectorId)
            ?? throw new ArgumentOutOfRangeException(nameof(connectorId), connectorId, $"Template '{template.Id}' has no such connector.");
        Outlet = outlet ?? throw new ArgumentNullException(nameof(outlet));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        UnitIdOffset = connector.UnitIdOffset;
        _image = new TemplateRegisterImage(template, Map, connector.AddressOffset);
        _silenceTimer = _time.CreateTimer(_ => EnterFailsafe(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Map.BeforeRead += (_, _) => Refresh();
        Map.Written += (_, write) => OnWritten(write);
        if (_charger.KeepAlive is not null)
        {
            EnterFailsafe();
        }

        Refresh();
    }

    public SimulatedRegisterMap Map { get; } = new();

    public DeviceTemplate Template => _image.Template;

    public ISimulatedOutlet Outlet { get; }

    /// <summary>Add this to the charger's unit id to serve this connector.</summary>
    public int UnitIdOffset { get; }

    /// <summary>Whether the connector runs on its failsafe current because no master keeps it alive.</summary>
    public bool InFailsafe { get; private set; }

    /// <summary>The limit a master wrote last, in amperes.</summary>
    public double? LastWrittenLimitA { get; private set; }

    public ModbusResponse Handle(ModbusRequest request) => Map.Handle(request);

    /// <summary>Copies the outlet's state into the registers (done before every read).</summary>
    public void Refresh()
    {
        _image.SetRaw(RegisterMeanings.State, RawState(Outlet.State));
        _image.SetValue(RegisterMeanings.CurrentL1, Outlet.CurrentA.L1);
        _image.SetValue(RegisterMeanings.CurrentL2, Outlet.CurrentA.L2);
        _image.SetValue(RegisterMeanings.CurrentL3, Outlet.CurrentA.L3);
        _image.SetValue(RegisterMeanings.Energy, Outlet.EnergyWh);
        _image.SetValue(RegisterMeanings.LimitInForce, Outlet.OfferedA);
    }

    public void Dispose() => _silenceTimer.Dispose();

    private void OnWritten(RegisterWriteEventArgs write)
    {
        lock (_lock)
        {
            var keptAlive = false;
            if (_image.WasWritten(write, _charger.CurrentLimit.Register))
            {
                LastWrittenLimitA = _image.ReadValue(_charger.CurrentLimit.Register);
                keptAlive = _charger.KeepAlive?.Method == KeepAliveMethod.RewriteLimit;
                ApplyOffer();
            }

            if (_charger.Pause is { } pause && _image.WasWritten(write, pause.Register) && _image.ReadValue(pause.Register) == pause.Value)
            {
                _paused = true;
                ApplyOffer();
            }

            if (_charger.Resume is { } resume && _image.WasWritten(write, resume.Register) && _image.ReadValue(resume.Register) == resume.Value)
            {
                _paused = false;
                ApplyOffer();
            }

            if (_charger.KeepAlive is { Register: { } lifeRegister } keepAlive && _image.WasWritten(write, lifeRegister))
            {
                var value = _image.ReadValue(lifeRegister);
                keptAlive |= keepAlive.Method == KeepAliveMethod.Heartbeat ? value == keepAlive.Value : value != _lastLifeBit;
                _lastLifeBit = value;
            }

            if (keptAlive)
            {
                KeptAlive();
            }
        }
    }

    private void KeptAlive()
    {
        _silenceTimer.Change(TimeSpan.FromSeconds(CommunicationTimeoutS), Timeout.InfiniteTimeSpan);
        if (InFailsafe)
        {
            InFailsafe = false;
            ApplyOffer();
        }
    }

    private void ApplyOffer()
    {
        if (InFailsafe && LastWrittenLimitA is null)
        {
            return;
        }

        var limit = LastWrittenLimitA ?? 0;
        Outlet.OfferedA = _paused || limit < _charger.CurrentLimit.MinA ? 0 : Math.Min(limit, _charger.CurrentLimit.MaxA);
    }

    private void EnterFailsafe()
    {
        InFailsafe = true;
        Outlet.OfferedA = FailsafeCurrentA;
    }

    private double FailsafeCurrentA => SettingRegister(ChargerSetting.FailsafeCurrentA) is { } name && _image.ReadValue(name) is { } written && written > 0
        ? written
        : _charger.DefaultFailsafeCurrentA;

    private double CommunicationTimeoutS => SettingRegister(ChargerSetting.CommunicationTimeoutS) is { } name && _image.ReadValue(name) is { } written && written > 0
        ? written
        : _charger.KeepAlive?.TimeoutS ?? 60;

    private string? SettingRegister(ChargerSetting setting) => _charger.Failsafe.FirstOrDefault(w => w.ValueFrom == setting)?.Register;

    private string RawState(ConnectorState state)
    {
        foreach (var candidate in new[] { state, Fallback(state), ConnectorState.Unavailable })
        {
            foreach (var (raw, mapped) in _charger.States)
            {
                if (mapped == candidate)
                {
                    return raw;
                }
            }
        }

        return _charger.States.Keys.First();
    }

    private static ConnectorState Fallback(ConnectorState state) => state switch
    {
        ConnectorState.SuspendedByController or ConnectorState.SuspendedByCar => ConnectorState.CarConnected,
        ConnectorState.Charging => ConnectorState.CarConnected,
        _ => ConnectorState.Faulted,
    };
}
