namespace ChargeNet.SiteSimulator;

/// <summary>
/// The events of a run, fixed before it starts: churns (cars leave, arrive, go full), steps of the
/// base load (up, then down again) and the grid meter's fault. Steps and the fault are placed so that
/// they never overlap with each other in the default recipe.
/// </summary>
internal static class SiteScript
{
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(2);

    public static SiteTimeline Write(SiteRecipe recipe, PhysicalSite physics, SimMeter gridMeter, DateTimeOffset start, Random random)
    {
        var timeline = new SiteTimeline();
        var perChurn = Math.Max(1, (int)Math.Round(recipe.ChurnShare * recipe.Connectors));
        for (var at = recipe.ChurnInterval; at < Horizon; at += recipe.ChurnInterval)
        {
            timeline.Schedule(start + at, DisturbanceKind.Churn, now => Churn(recipe, physics, perChurn, random, now));
        }

        for (var at = recipe.FirstStepAt; at < Horizon; at += recipe.StepInterval)
        {
            var phases = random.NextDouble() < 0.5 ? [0, 1, 2] : new[] { random.Next(3) };
            timeline.Schedule(start + at, DisturbanceKind.Rise, _ => Array.ForEach(phases, p => physics.BaseLoad.Step(p, recipe.StepA)));
            timeline.Schedule(start + at + recipe.StepLength, DisturbanceKind.Fall, _ => Array.ForEach(phases, p => physics.BaseLoad.Step(p, -recipe.StepA)));
        }

        if (recipe.GridMeterFault == MeterFault.NotANumber)
        {
            timeline.Schedule(start + recipe.FaultAt, DisturbanceKind.BadReading, _ => gridMeter.Fault = MeterFault.NotANumber);
        }
        else if (recipe.GridMeterFault != MeterFault.None)
        {
            timeline.Schedule(start + recipe.FaultAt, DisturbanceKind.MeterFailed, _ => gridMeter.Fault = recipe.GridMeterFault);
            timeline.Schedule(start + recipe.FaultAt + recipe.FaultLength, DisturbanceKind.MeterRecovered, _ => gridMeter.Fault = MeterFault.None);
        }

        return timeline;
    }

    private static void Churn(SiteRecipe recipe, PhysicalSite physics, int count, Random random, DateTimeOffset now)
    {
        var occupied = physics.Connectors.Where(c => c.Car is not null).OrderBy(_ => random.Next()).ToList();

        // A car arrives only where none left this instant: a swap takes a driver minutes, and a charger
        // reports the free connector in between (the loop learns each new car from scratch).
        var free = physics.Connectors.Where(c => c.Car is null).OrderBy(_ => random.Next()).Take(count).ToList();
        foreach (var leaving in occupied.Take(count))
        {
            leaving.Unplug();
        }

        // A car that stopped on its own starts again by itself now and then (a battery balanced, the cabin heated before
        // departure): it draws what its charger still offers, without asking the loop (docs/control-loop.md, "Cars that stopped
        // on their own"). Chosen before others stop this instant, from the same shuffled order: no draw changes.
        var resuming = occupied.Skip(count).Where(c => c.Car!.Full).Take(recipe.FullCarsResume ? (count + 1) / 2 : 0).ToList();
        foreach (var full in occupied.Skip(count).Where(c => !c.Car!.Full).Take(count))
        {
            full.Car!.Full = true;
        }

        foreach (var again in resuming)
        {
            again.Car!.Full = false;
        }

        foreach (var arriving in free)
        {
            arriving.Plug(now, SiteBuilder.NewCar(recipe, random, now));
        }
    }
}
