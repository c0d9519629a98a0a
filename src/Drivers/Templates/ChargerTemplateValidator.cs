namespace ChargeNet.Drivers.Templates;

/// <summary>The checks of a template's charger section.</summary>
internal static class ChargerTemplateValidator
{
    public static void Check(DeviceTemplate template, List<string> problems)
    {
        if (template.Charger is not { } charger)
        {
            problems.Add("$.charger: a charger template needs its charger section");
            return;
        }

        if (!template.Registers.ContainsKey(RegisterMeanings.State))
        {
            problems.Add("$.registers.state: a charger must give its connector state");
        }

        if (charger.UnknownState != Devices.ConnectorState.Unavailable)
        {
            problems.Add($"$.charger.unknownState: a raw state the map does not list is not known, so it must read as unavailable, not {charger.UnknownState}");
        }

        if (charger.States.Count == 0)
        {
            problems.Add("$.charger.states: map at least one raw value to a state");
        }

        if (charger.Connectors.Count == 0 || charger.Connectors.Select(c => c.ConnectorId).Distinct().Count() != charger.Connectors.Count
            || charger.Connectors.Any(c => c.ConnectorId < 1))
        {
            problems.Add("$.charger.connectors: at least one connector, ids 1 and up, each once");
        }

        var limit = charger.CurrentLimit;
        if (!(limit.MinA >= 0 && limit.MinA <= limit.MaxA && limit.MaxA <= 1000))
        {
            problems.Add($"$.charger.currentLimit: minA {limit.MinA} and maxA {limit.MaxA} must satisfy 0 <= minA <= maxA <= 1000");
        }

        CheckWritable(template, limit.Register, "$.charger.currentLimit.register", problems);
        if (!limit.ZeroPauses && (charger.Pause is null || charger.Resume is null))
        {
            problems.Add("$.charger: when a zero limit does not pause, give pause and resume");
        }

        CheckWrite(template, charger.Pause, "$.charger.pause", problems);
        CheckWrite(template, charger.Resume, "$.charger.resume", problems);
        for (var i = 0; i < charger.Failsafe.Count; i++)
        {
            CheckWrite(template, charger.Failsafe[i], $"$.charger.failsafe[{i}]", problems);
        }

        if (charger.KeepAlive is { } keepAlive)
        {
            CheckKeepAlive(template, keepAlive, problems);
        }
    }

    private static void CheckKeepAlive(DeviceTemplate template, KeepAliveDefinition keepAlive, List<string> problems)
    {
        if (!(keepAlive.PeriodS > 0 && keepAlive.TimeoutS > keepAlive.PeriodS))
        {
            problems.Add("$.charger.keepAlive: periodS must be above 0 and below timeoutS");
        }

        if (keepAlive.Method == KeepAliveMethod.RewriteLimit)
        {
            return;
        }

        if (keepAlive.Register is null)
        {
            problems.Add($"$.charger.keepAlive.register: {keepAlive.Method} needs the register it writes");
        }
        else
        {
            CheckWritable(template, keepAlive.Register, "$.charger.keepAlive.register", problems);
        }

        if (keepAlive.Method == KeepAliveMethod.Heartbeat && keepAlive.Value is null)
        {
            problems.Add("$.charger.keepAlive.value: a heartbeat needs the value it writes");
        }
    }

    private static void CheckWrite(DeviceTemplate template, RegisterWrite? write, string path, List<string> problems)
    {
        if (write is null)
        {
            return;
        }

        CheckWritable(template, write.Register, path + ".register", problems);
        if ((write.Value is null) == (write.ValueFrom is null))
        {
            problems.Add($"{path}: give exactly one of value and valueFrom");
        }
    }

    private static void CheckWritable(DeviceTemplate template, string name, string path, List<string> problems)
    {
        if (template.Registers.TryGetValue(name, out var register)
            && register.Function is not (RegisterFunction.Holding or RegisterFunction.Coil))
        {
            problems.Add($"{path}: '{name}' is a {register.Function} value, which cannot be written");
        }
    }
}
