using System.Globalization;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// docs/security.md: a change from the cloud may lower any current limit and raise it back up to the
/// value last set locally (file, page, REST), never above; nor may it loosen what makes a limit bite
/// (a smaller safety margin, a circuit removed or moved, a charger moved to another circuit). Each
/// refusal names the field.
/// </summary>
public static class CloudLimitCeiling
{
    /// <param name="proposed">The document the cloud sent.</param>
    /// <param name="local">The newest configuration set locally (or, with none, the one in force).</param>
    /// <param name="localRevision">Its revision number, for the message; null when it is the one in force.</param>
    public static IReadOnlyList<ConfigurationProblem> Check(SiteConfiguration proposed, SiteConfiguration local, int? localRevision)
    {
        var problems = new List<ConfigurationProblem>();
        var where = localRevision is { } n ? $"revision {n}" : "the configuration in force";
        void AtMost(string path, double? value, double? ceiling, string unit)
        {
            if (ceiling is not { } max)
            {
                return;
            }

            if (value is null || value > max)
            {
                problems.Add(new(path, $"a cloud command may not raise this above {Text(max)} {unit}, the value last set locally ({where}){(value is null ? "; it may not remove it" : "")}"));
            }
        }

        AtMost("$.grid.maxCurrentA", proposed.Grid.MaxCurrentA, local.Grid.MaxCurrentA, "A");
        AtMost("$.grid.fallbackCurrentA", proposed.Grid.FallbackCurrentA, local.Grid.FallbackCurrentA, "A");
        AtMost("$.grid.maxImbalanceA", proposed.Grid.MaxImbalanceA, local.Grid.MaxImbalanceA, "A");
        if (proposed.Grid.SafetyMarginA < local.Grid.SafetyMarginA)
        {
            problems.Add(new("$.grid.safetyMarginA", $"a cloud command may not lower this below {Text(local.Grid.SafetyMarginA)} A, the value last set locally ({where})"));
        }

        var circuits = Index(proposed.Circuits, c => c.Id);
        foreach (var mine in local.Circuits)
        {
            if (!circuits.TryGetValue(mine.Id, out var found))
            {
                problems.Add(new("$.circuits", $"a cloud command may not remove circuit '{mine.Id}', which was set locally ({where})"));
                continue;
            }

            var (i, theirs) = found;
            AtMost($"$.circuits[{i}].maxCurrentA", theirs.MaxCurrentA, mine.MaxCurrentA, "A");
            AtMost($"$.circuits[{i}].maxPowerKw", theirs.MaxPowerKw, mine.MaxPowerKw, "kW");
            if (!string.Equals(theirs.Parent, mine.Parent, StringComparison.Ordinal))
            {
                problems.Add(new($"$.circuits[{i}].parent", $"a cloud command may not move circuit '{mine.Id}' (wiring is set locally, {where})"));
            }
        }

        var chargers = Index(proposed.Chargers, c => c.Id);
        foreach (var mine in local.Chargers)
        {
            if (!chargers.TryGetValue(mine.Id, out var found))
            {
                continue; // Removing a charger takes it out of service; it raises no limit.
            }

            var (i, theirs) = found;
            AtMost($"$.chargers[{i}].maxCurrentA", theirs.MaxCurrentA, mine.MaxCurrentA, "A");
            AtMost($"$.chargers[{i}].failsafeCurrentA", theirs.FailsafeCurrentA, mine.FailsafeCurrentA, "A");
            if (!string.Equals(theirs.Circuit, mine.Circuit, StringComparison.Ordinal))
            {
                problems.Add(new($"$.chargers[{i}].circuit", $"a cloud command may not move charger '{mine.Id}' to another circuit (wiring is set locally, {where})"));
            }
        }

        return problems;
    }

    private static Dictionary<string, (int Index, T Item)> Index<T>(IReadOnlyList<T> items, Func<T, string> id)
    {
        var index = new Dictionary<string, (int, T)>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            index.TryAdd(id(items[i]), (i, items[i]));
        }

        return index;
    }

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
