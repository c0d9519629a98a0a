using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChargeNet.Integration.Tests.ControlLoop;

/// <summary>
/// Issue 13's property 3 on what physics-site.js recorded (its "history": per connector every limit it was
/// sent and every change of the current it offered its car, in ms since the peer started), and the
/// per-second timeline that explains a run.
/// </summary>
internal static class PhysicsSiteHistory
{
    /// <summary>Limits sent to a connector that differ by more than 1 A from the one before, per connector per minute, in [fromMs, toMs).</summary>
    public static double LimitChangesPerConnectorMinute(JsonElement history, double fromMs, double toMs)
    {
        var connectors = history.GetProperty("connectors").EnumerateObject().ToList();
        var changes = 0;
        foreach (var connector in connectors)
        {
            double? previous = null;
            foreach (var request in connector.Value.GetProperty("requests").EnumerateArray())
            {
                var t = request.GetProperty("t").GetDouble();
                var a = request.GetProperty("a").GetDouble();
                if (t >= fromMs && t < toMs && previous is { } before && Math.Abs(a - before) > 1)
                {
                    changes++;
                }

                previous = a;
            }
        }

        return changes / (double)connectors.Count / ((toMs - fromMs) / 60_000);
    }

    /// <summary>
    /// Every pause (limits under 6 A) and run (6 A or more) the daemon gave a connector (the limits it sent, whatever the
    /// answer) that ended before <paramref name="toMs"/>, in seconds; a pause counts once the connector has run (the hold
    /// of a connector not yet known at its start is no pause of a car), a run from the first start on. A run during which
    /// its car stopped on its own (full, or its own timer: the peer's fullAtMs) was ended by the car, not the daemon: the
    /// pause after it stopped no charging. A probe's run (its car full before the run began) still counts
    /// (docs/load-balancing.md, rules 4 and 5; docs/control-loop-sessions.md, Session 27).
    /// </summary>
    public static IReadOnlyList<(string Connector, string Kind, double FromS, double LengthS)> PausesAndRuns(JsonElement history, double toMs)
    {
        var spans = new List<(string, string, double, double)>();
        foreach (var connector in history.GetProperty("connectors").EnumerateObject())
        {
            var fullAtMs = connector.Value.TryGetProperty("fullAtMs", out var full) && full.ValueKind == JsonValueKind.Number
                ? full.GetDouble()
                : double.PositiveInfinity;
            bool? paused = null;
            double since = 0;
            var ran = false;
            foreach (var request in connector.Value.GetProperty("requests").EnumerateArray())
            {
                var t = request.GetProperty("t").GetDouble();
                var nowPaused = request.GetProperty("a").GetDouble() < 6;
                if (t >= toMs)
                {
                    break;
                }

                if (paused == nowPaused)
                {
                    continue;
                }

                var endedByItsCar = paused == false && since <= fullAtMs && fullAtMs <= t;
                if (paused is { } was && (!was || ran) && !endedByItsCar)
                {
                    spans.Add((connector.Name, was ? "pause" : "run", since / 1000, (t - since) / 1000));
                }

                ran |= !nowPaused;
                paused = nowPaused;
                since = t;
            }
        }

        return spans;
    }

    /// <summary>
    /// The end of the start-up's overload (ms since the peer started; 0 when there was none): the last of the once-a-second samples
    /// over <paramref name="fuseA"/> on a phase in a row from the first, where all of them came before <paramref name="startUpMs"/> —
    /// the chargers offer their own maximum until their first profiles, and the cars may draw it before those come. An overload
    /// that begins later, or lasts past it, is not the start-up's.
    /// </summary>
    public static double StartUpOverloadEndMs(JsonElement history, double fuseA, double startUpMs)
    {
        var endMs = 0.0;
        foreach (var sample in history.GetProperty("trace").EnumerateArray())
        {
            var t = sample.GetProperty("t").GetDouble();
            var over = sample.GetProperty("grid").EnumerateArray().Any(p => p.GetDouble() > fuseA);
            if (over && t >= startUpMs)
            {
                return 0;
            }

            if (over)
            {
                endMs = t;
            }
            else if (endMs > 0 || t >= startUpMs)
            {
                break;
            }
        }

        return endMs;
    }

    /// <summary>One line a second: seconds since the peer started, base load, grid per phase, and per connector offered/drawn A.</summary>
    public static string Timeline(JsonElement history)
    {
        var text = new StringBuilder();
        foreach (var sample in history.GetProperty("trace").EnumerateArray())
        {
            var connectors = sample.GetProperty("c").EnumerateObject().Select(c => FormattableString.Invariant($"{c.Name} {c.Value[0].GetDouble():0.#}/{c.Value[1].GetDouble():0.#}"));
            var grid = string.Join(' ', sample.GetProperty("grid").EnumerateArray().Select(p => p.GetDouble().ToString("0.0", CultureInfo.InvariantCulture)));
            text.AppendLine(CultureInfo.InvariantCulture, $"{sample.GetProperty("t").GetDouble() / 1000,6:0.0} base {sample.GetProperty("base").GetDouble():0} grid {grid} | {string.Join("  ", connectors)}");
        }

        return text.ToString();
    }
}
