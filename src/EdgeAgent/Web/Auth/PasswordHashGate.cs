namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>
/// Bounds how many password hashes (PBKDF2, 310,000 iterations: ~0.3 s of a Pi core each) run at
/// once: logins from many addresses at the same time must not take the cores the control loop and
/// OCPP need. A request that finds every slot taken is refused at once (429), not queued.
/// </summary>
public sealed class PasswordHashGate : IDisposable
{
    /// <summary>Hashes at once: half the cores, at least one.</summary>
    public static readonly int Slots = Math.Max(1, Environment.ProcessorCount / 2);

    private readonly SemaphoreSlim _slots = new(Slots, Slots);

    /// <summary>A slot to hash in (dispose it when done), or null when every slot is taken.</summary>
    public IDisposable? TryEnter() => _slots.Wait(0) ? new Slot(_slots) : null;

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
