using System.Globalization;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;
using ChargeNet.Drivers.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>
/// A simulated OCPP 1.6J charge point with one connector per <see cref="ISimulatedOutlet"/>. It
/// connects over a real WebSocket, boots, reports status changes and meter values from its
/// outlets, starts a transaction when a car (idTag) arrives and stops it when the car leaves, and
/// offers each car what the installed charging profiles allow. It reconnects when the connection is lost
/// (<see cref="SimulatedOcppStationBase"/>).
/// </summary>
public sealed class SimulatedOcppChargePoint : SimulatedOcppStationBase
{
    private readonly List<SimulatedOcppConnector> _connectors;
    private DateTimeOffset _nextHeartbeat;
    private DateTimeOffset _nextMeterValues;

    public SimulatedOcppChargePoint(SimulatedOcppChargePointOptions options, IReadOnlyList<ISimulatedOutlet> outlets, OcppSchemaValidator validator, TimeProvider time, ILogger logger)
        : base(options, validator, time, logger)
    {
        _connectors = [.. outlets.Select((outlet, i) => new SimulatedOcppConnector(i + 1, outlet))];
        Configuration = new SimulatedOcppConfiguration(outlets.Count);
    }

    /// <summary>The profiles the central system installed.</summary>
    public OcppChargingProfileSet Profiles { get; } = new();

    /// <summary>The transaction the station itself holds running on <paramref name="connectorId"/> (from its StartTransaction.conf); null: none.</summary>
    public int? TransactionIdOf(int connectorId) => _connectors.FirstOrDefault(c => c.ConnectorId == connectorId)?.TransactionId;

    public SimulatedOcppConfiguration Configuration { get; }

    /// <summary>The central system's answer to the last BootNotification.</summary>
    public RegistrationStatus? BootStatus { get; private set; }

    protected override string SubProtocol => OcppSubProtocol.V16;

    protected override IOcppCallHandler CreateHandler() => new SimulatedOcppCallHandler(_connectors, Profiles, Configuration, SendTriggeredAsync, Options, Time);

    protected override async Task BootAsync(OcppRpcConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            var answer = await CallAsync<BootNotificationRequest, BootNotificationResponse>(
                connection, OcppAction.BootNotification, new BootNotificationRequest(Options.Vendor, Options.Model, FirmwareVersion: "sim-1.0"), cancellationToken).ConfigureAwait(false);
            BootStatus = answer.Status;
            if (answer.Status == RegistrationStatus.Accepted)
            {
                if (answer.Interval > 0)
                {
                    Configuration.SetHeartbeatInterval(answer.Interval);
                }

                foreach (var connector in _connectors)
                {
                    connector.ReportedStatus = null;
                }

                _nextHeartbeat = Time.GetUtcNow() + Configuration.HeartbeatInterval;
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Max(answer.Interval, 1)), Time, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task TickAsync(OcppRpcConnection connection, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        foreach (var connector in _connectors)
        {
            var outlet = connector.Outlet;
            outlet.OfferedA = Math.Min(Options.MaxCurrentA, Profiles.LimitAtA(connector.ConnectorId, now, connector.TransactionId, connector.TransactionStart) ?? Options.MaxCurrentA);
            if (outlet.IdTag is { } idTag && connector.TransactionId is null && outlet.State != ConnectorState.Available)
            {
                var start = await CallAsync<StartTransactionRequest, StartTransactionResponse>(
                    connection, OcppAction.StartTransaction, new StartTransactionRequest(connector.ConnectorId, idTag, (int)outlet.EnergyWh, now), cancellationToken).ConfigureAwait(false);
                (connector.TransactionId, connector.TransactionStart, connector.TransactionIdTag) = (start.TransactionId, now, idTag);
            }
            else if (outlet.IdTag is null && connector.TransactionId is { } transactionId)
            {
                await CallAsync<StopTransactionRequest, StopTransactionResponse>(
                    connection, OcppAction.StopTransaction, new StopTransactionRequest((int)outlet.EnergyWh, now, transactionId, connector.TransactionIdTag, "EVDisconnected"), cancellationToken).ConfigureAwait(false);
                Profiles.EndTransaction(transactionId);
                (connector.TransactionId, connector.TransactionStart, connector.TransactionIdTag) = (null, null, null);
            }

            var status = ToChargePointStatus(outlet.State);
            if (status != connector.ReportedStatus)
            {
                await SendStatusAsync(connection, connector, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (now >= _nextMeterValues)
        {
            _nextMeterValues = now + Configuration.MeterValueSampleInterval;
            foreach (var connector in _connectors)
            {
                await SendMeterValuesAsync(connection, connector, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (now >= _nextHeartbeat)
        {
            _nextHeartbeat = now + Configuration.HeartbeatInterval;
            await CallAsync<HeartbeatRequest, HeartbeatResponse>(connection, OcppAction.Heartbeat, new HeartbeatRequest(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendTriggeredAsync(string action, int? connectorId, CancellationToken cancellationToken)
    {
        if (Connection is not { } connection)
        {
            return;
        }

        var now = Time.GetUtcNow();
        var targets = _connectors.Where(c => connectorId is null || c.ConnectorId == connectorId);
        switch (action)
        {
            case OcppAction.BootNotification:
                await BootAsync(connection, cancellationToken).ConfigureAwait(false);
                break;
            case OcppAction.Heartbeat:
                await CallAsync<HeartbeatRequest, HeartbeatResponse>(connection, OcppAction.Heartbeat, new HeartbeatRequest(), cancellationToken).ConfigureAwait(false);
                break;
            case OcppAction.StatusNotification:
                foreach (var connector in targets)
                {
                    await SendStatusAsync(connection, connector, now, cancellationToken).ConfigureAwait(false);
                }

                break;
            default:
                foreach (var connector in targets)
                {
                    await SendMeterValuesAsync(connection, connector, now, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    private static async Task SendStatusAsync(OcppRpcConnection connection, SimulatedOcppConnector connector, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = ToChargePointStatus(connector.Outlet.State);
        await CallAsync<StatusNotificationRequest, StatusNotificationResponse>(
            connection, OcppAction.StatusNotification,
            new StatusNotificationRequest(connector.ConnectorId, status == ChargePointStatus.Faulted ? "OtherError" : "NoError", status, Timestamp: now),
            cancellationToken).ConfigureAwait(false);
        connector.ReportedStatus = status;
    }

    private async Task SendMeterValuesAsync(OcppRpcConnection connection, SimulatedOcppConnector connector, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outlet = connector.Outlet;
        var wanted = Configuration.MeterValuesSampledData;
        var samples = new List<SampledValue> { new(Number(outlet.EnergyWh), Measurand: "Energy.Active.Import.Register", Unit: "Wh") };
        if (wanted.Contains("Current.Import", StringComparison.Ordinal))
        {
            samples.Add(new(Number(outlet.CurrentA.L1), Measurand: "Current.Import", Phase: "L1", Unit: "A"));
            samples.Add(new(Number(outlet.CurrentA.L2), Measurand: "Current.Import", Phase: "L2", Unit: "A"));
            samples.Add(new(Number(outlet.CurrentA.L3), Measurand: "Current.Import", Phase: "L3", Unit: "A"));
        }

        if (wanted.Contains("Current.Offered", StringComparison.Ordinal))
        {
            samples.Add(new(Number(outlet.OfferedA), Measurand: "Current.Offered", Unit: "A"));
        }

        await CallAsync<MeterValuesRequest, MeterValuesResponse>(
            connection, OcppAction.MeterValues, new MeterValuesRequest(connector.ConnectorId, [new MeterValue(now, samples)], connector.TransactionId), cancellationToken).ConfigureAwait(false);
    }

    private static Task<TResponse> CallAsync<TRequest, TResponse>(OcppRpcConnection connection, string action, TRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync(
            action,
            request,
            (System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest>)OcppJsonContext.Default.GetTypeInfo(typeof(TRequest))!,
            (System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResponse>)OcppJsonContext.Default.GetTypeInfo(typeof(TResponse))!,
            cancellationToken);

    private static string Number(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    private static ChargePointStatus ToChargePointStatus(ConnectorState state) => state switch
    {
        ConnectorState.Available => ChargePointStatus.Available,
        ConnectorState.CarConnected => ChargePointStatus.Preparing,
        ConnectorState.Charging => ChargePointStatus.Charging,
        ConnectorState.SuspendedByCar => ChargePointStatus.SuspendedEV,
        ConnectorState.SuspendedByController => ChargePointStatus.SuspendedEVSE,
        ConnectorState.Faulted => ChargePointStatus.Faulted,
        _ => ChargePointStatus.Unavailable,
    };
}
