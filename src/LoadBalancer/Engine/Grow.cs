namespace ChargeNet.LoadBalancer.Engine;

/// <summary>Array growth for the reusable working buffers (only during warm-up).</summary>
internal static class Grow
{
    public static void ToAtLeast<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            Array.Resize(ref array, Math.Max(length, array.Length * 2));
        }
    }
}
