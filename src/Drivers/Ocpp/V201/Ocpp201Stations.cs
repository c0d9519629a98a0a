using System.Collections.Concurrent;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using ChargeNet.Drivers.Ocpp.V201.SmartCharging;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>What the edge keeps of each 2.0.1 station beyond the state every version shares: its device model and the report being received. Thread-safe.</summary>
public sealed class Ocpp201Stations
{
    private readonly ConcurrentDictionary<string, Ocpp201Station> _stations = new(StringComparer.Ordinal);

    public Ocpp201Station Get(string chargePointId) => _stations.GetOrAdd(chargePointId, _ => new Ocpp201Station());
}

/// <summary>One 2.0.1 station's device model, the parts of a report still arriving (by requestId), the limits set on it from outside, and the profile reports awaited.</summary>
public sealed class Ocpp201Station
{
    /// <summary>Limits set on the station from outside the edge (NotifyChargingLimit), until cleared.</summary>
    public Ocpp201ExternalLimits ExternalLimits { get; } = new();

    /// <summary>The last status of each connector of each EVSE (StatusNotification, G01).</summary>
    public Ocpp201ConnectorStatuses ConnectorStatuses { get; } = new();

    /// <summary>GetChargingProfiles requests waiting for their ReportChargingProfiles.</summary>
    public Ocpp201Reports<ChargerProfile> ProfileReports { get; } = new(MaxReportedProfiles);

    /// <summary>GetReport requests (B08) waiting for their NotifyReport parts.</summary>
    public Ocpp201Reports<ChargerReportItem> CustomReports { get; } = new(MaxReportItems);

    // A station reports what it holds: a few profiles per EVSE. The bound keeps a station that never ends a report from growing it.
    private const int MaxReportedProfiles = 1_000;

    // A station sends one report at a time; a bound keeps a station that never ends one from growing it for ever.
    private const int MaxReportItems = 20_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, List<ReportData>> _parts = [];
    private Ocpp201DeviceModel? _model;

    // Request ids (remote start, firmware, log, report) from one counter per station, started at random
    // so that ids of the edge's next run are unlikely to meet this run's.
    private int _nextRequestId = Random.Shared.Next(1, 1_000_000);

    public int NextRequestId() => Interlocked.Increment(ref _nextRequestId);

    /// <summary>The last complete base report, null before one came.</summary>
    public Ocpp201DeviceModel? Model
    {
        get
        {
            lock (_lock)
            {
                return _model;
            }
        }
    }

    /// <summary>Adds one NotifyReport part; returns the model once the last part (tbc not true) came, else null.</summary>
    public Ocpp201DeviceModel? AddReportPart(NotifyReportRequest part, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(part);
        lock (_lock)
        {
            if (!_parts.TryGetValue(part.RequestId, out var items))
            {
                _parts.Clear(); // a new report: what is left of an unfinished one will not be finished
                items = [];
                _parts[part.RequestId] = items;
            }

            if (part.ReportData is { } data && items.Count + data.Count <= MaxReportItems)
            {
                items.AddRange(data);
            }

            if (part.Tbc == true)
            {
                return null;
            }

            _parts.Remove(part.RequestId);
            _model = Ocpp201DeviceModel.From(items, now);
            return _model;
        }
    }
}
