namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> failed logins from one address within
/// <see cref="Window"/>, that address is refused until the window has passed.
/// </summary>
public sealed class LoginRateLimiter
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, List<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    public LoginRateLimiter(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>How long <paramref name="client"/> must wait before trying again; zero when it may try now.</summary>
    public TimeSpan RetryAfter(string client)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_failures.TryGetValue(client, out var times))
            {
                return TimeSpan.Zero;
            }

            times.RemoveAll(t => t <= now - Window);
            if (times.Count == 0)
            {
                _failures.Remove(client);
                return TimeSpan.Zero;
            }

            return times.Count >= MaxFailures ? times[0] + Window - now : TimeSpan.Zero;
        }
    }

    public void RecordFailure(string client)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_failures.TryGetValue(client, out var times))
            {
                times = [];
                _failures[client] = times;
            }

            times.Add(now);
        }
    }

    public void RecordSuccess(string client)
    {
        lock (_lock)
        {
            _failures.Remove(client);
        }
    }
}
