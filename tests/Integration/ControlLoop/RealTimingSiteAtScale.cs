using System.Globalization;

namespace ChargeNet.Integration.Tests.ControlLoop;

/// <summary>
/// <see cref="RealTimingSite"/> with its six OCPP chargers repeated <c>CHARGENET_REAL_SITE_COPIES</c> times (default 10: 60
/// OCPP chargers and the wallbox on an 800 A grid), each copy with the same timing and faults: the loop over real protocols
/// at the size of a depot (docs/control-loop.md, "End to end at scale").
/// </summary>
public sealed class RealTimingSiteAtScale : RealTimingSite
{
    public const string CopiesVariable = "CHARGENET_REAL_SITE_COPIES";

    public RealTimingSiteAtScale()
        : base(CopiesFromEnvironment())
    {
    }

    private static int CopiesFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(CopiesVariable);
        if (string.IsNullOrEmpty(text))
        {
            return 10;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var copies) && copies is >= 1 and <= 100
            ? copies
            : throw new InvalidOperationException($"{CopiesVariable} must be a whole number from 1 to 100, not '{text}'");
    }
}
