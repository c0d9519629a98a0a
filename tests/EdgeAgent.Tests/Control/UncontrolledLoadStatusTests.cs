using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// The status says what load the loop planned around as nobody's to set (<c>grid.uncontrolledA</c>,
/// docs/control-loop.md): on a quiet site, once the cars have answered their limits, it is the
/// building's own load, and it is never below it (the safe side).
/// </summary>
public sealed class UncontrolledLoadStatusTests
{
    [Fact]
    public async Task On_a_quiet_site_the_status_shows_the_load_nobody_controls_as_it_is()
    {
        // Modbus wallboxes read every second, no churn, no steps, no faults: after the start the site settles.
        var recipe = new SiteRecipe
        {
            Seed = 3,
            Connectors = 20,
            OcppShare = 0,
            FlakyModbusShare = 0,
            TaperingShare = 0,
            ChurnInterval = TimeSpan.FromHours(3),
            FirstStepAt = TimeSpan.FromHours(3),
        };
        await using var site = await ClosedLoopSite.StartAsync(recipe);
        var start = site.Time.GetUtcNow();
        var errors = new List<double>();
        site.Observer = s =>
        {
            if (s.Loop.Latest?.Grid.UncontrolledA is { } estimated && s.Time.GetUtcNow() - start > TimeSpan.FromMinutes(2))
            {
                for (var p = 0; p < 3; p++)
                {
                    errors.Add(estimated[p] - s.Site.Physics.UncontrolledA(0, p));
                }
            }
        };

        await site.RunAsync(TimeSpan.FromMinutes(4));

        errors.Sort();
        Assert.NotEmpty(errors);
        var median = errors[errors.Count / 2];
        Assert.True(Math.Abs(median) <= 0.5, $"the status's uncontrolled load was {median:0.00} A off the building's own load (median)");
        Assert.True(errors[0] >= -1, $"the status's uncontrolled load fell {-errors[0]:0.00} A under the building's own load");
    }
}
