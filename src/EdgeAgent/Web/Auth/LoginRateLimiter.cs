using ChargeNet.Drivers.Limits;

namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> failed logins from one address within
/// <see cref="Window"/>, that address is refused until the window has passed. An attempt is
/// reserved (counted as failed) before its password is hashed, so attempts in flight at once cannot
/// all get past the limit; a success clears the address.
/// </summary>
public sealed class LoginRateLimiter(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly FailureLimiter<string> _failures = new(MaxFailures, Window, time);

    /// <summary>How long <paramref name="client"/> must wait before trying again; zero when it may try now.</summary>
    public TimeSpan RetryAfter(string client) => _failures.RetryAfter(client);

    /// <summary>Counts an attempt before it is checked; false (and how long to wait) when the client must wait.</summary>
    public bool TryReserve(string client, out TimeSpan wait) => _failures.TryReserve(client, out wait);

    public void RecordFailure(string client) => _failures.RecordFailure(client);

    public void RecordSuccess(string client) => _failures.Clear(client);
}
