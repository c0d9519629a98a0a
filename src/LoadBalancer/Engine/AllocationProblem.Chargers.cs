namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// Chargers with more than one connector under a per-charger cap: one constraint per such charger on
/// the power of all its connectors together (a connector alone is held under the cap by its upper bound).
/// </summary>
internal sealed partial class AllocationProblem
{
    private readonly Dictionary<string, int> _chargerOf = new(StringComparer.Ordinal);
    private int[] _chargerOfConnector = [];
    private int[] _chargerSize = [];
    private double[] _chargerStaleKw = [];
    private int[] _chargerConstraint = [];
    private int _chargerCount;

    /// <summary>How many chargers need a constraint of their own (more than one connector, cap in force).</summary>
    private int GroupChargers(SiteSnapshot snapshot)
    {
        Grow.ToAtLeast(ref _chargerOfConnector, ConnectorCount);
        Array.Fill(_chargerOfConnector, -1, 0, ConnectorCount);
        _chargerCount = 0;
        if (snapshot.Constraints.PerChargerCapKw is null)
        {
            return 0;
        }

        _chargerOf.Clear();
        var kwPerA = snapshot.Settings.NominalVoltageV / 1000;
        for (var i = 0; i < ConnectorCount; i++)
        {
            var connector = snapshot.Connectors[i];
            if (connector.ChargerId is not { } chargerId)
            {
                continue;
            }

            if (!_chargerOf.TryGetValue(chargerId, out var g))
            {
                g = _chargerCount++;
                _chargerOf.Add(chargerId, g);
                Grow.ToAtLeast(ref _chargerSize, _chargerCount);
                Grow.ToAtLeast(ref _chargerStaleKw, _chargerCount);
                Grow.ToAtLeast(ref _chargerConstraint, _chargerCount);
                _chargerSize[g] = 0;
                _chargerStaleKw[g] = 0;
            }

            _chargerOfConnector[i] = g;
            _chargerSize[g]++;
            if (FixedReason[i] == AllocationReason.StaleData)
            {
                // Unknown is conservative: a stale connector takes its counted current out of the charger's cap.
                _chargerStaleKw[g] += Math.Max(connector.LastLimitA, connector.FailsafeCurrentA) * connector.WiredPhases * kwPerA;
            }
        }

        var needed = 0;
        for (var g = 0; g < _chargerCount; g++)
        {
            needed += _chargerSize[g] > 1 ? 1 : 0;
        }

        return needed;
    }

    private int BuildChargerConstraints(SiteSnapshot snapshot, int count)
    {
        for (var g = 0; g < _chargerCount; g++)
        {
            _chargerConstraint[g] = -1;
            if (_chargerSize[g] > 1)
            {
                _chargerConstraint[g] = count;
                SetConstraint(count++, snapshot.Constraints.PerChargerCapKw!.Value - _chargerStaleKw[g], ConstraintKind.ChargerCap, -1, -1);
            }
        }

        return count;
    }

    private int ChargerConstraintOf(int i)
    {
        var g = _chargerOfConnector[i];
        return g < 0 ? -1 : _chargerConstraint[g];
    }
}
