namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>Polls a condition with a deadline (never a blind sleep).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        // 15 s: only a failure waits it out; 5 s timed out once under a loaded ./test.sh on 2 cores (an OCPP reconnect flow).
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting until " + what);
            }

            await Task.Delay(10);
        }
    }
}
