namespace ChargeNet.LoadBalancer.Engine;

/// <summary>Rounding to a connector's current steps (0 = any value).</summary>
internal static class Steps
{
    // Tolerance for values that are on a step but came out of floating point a hair off it.
    private const double Tolerance = 1e-9;

    public static double Down(double valueA, double stepA) =>
        stepA > 0 ? Math.Floor((valueA / stepA) + Tolerance) * stepA : valueA;

    /// <summary>Removes floating-point dust from a value that is on a step (21.300000000000018 → 21.3).</summary>
    public static double Snap(double valueA, double stepA) =>
        stepA > 0 ? Math.Round(valueA / stepA) * stepA : valueA;

    public static double Up(double valueA, double stepA) =>
        stepA > 0 ? Math.Ceiling((valueA / stepA) - Tolerance) * stepA : valueA;
}
