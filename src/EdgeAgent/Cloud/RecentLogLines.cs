using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// The last few hundred log lines (information and above), for <c>get-diagnostics</c>, which sends
/// them off the box: the values of local-only fields (the one-time setup code, anything named a
/// password, secret or token) are withheld here (<see cref="LocalOnlyLogFields"/>).
/// </summary>
public sealed class RecentLogLines : ILoggerProvider
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;

    public RecentLogLines(TimeProvider time, int capacity = 500)
    {
        _time = time;
        _capacity = capacity;
    }

    public IReadOnlyList<string> Snapshot(int max)
    {
        lock (_lock)
        {
            return [.. _lines.Skip(Math.Max(0, _lines.Count - max))];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_lock)
        {
            _lines.Enqueue(line);
            while (_lines.Count > _capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    private sealed class Writer(RecentLogLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = LocalOnlyLogFields.Withhold(state, formatter(state, exception));
            var line = $"{owner._time.GetUtcNow():O} {logLevel} {category}: {message}";
            owner.Add(exception is null ? line : line + " (" + exception.GetType().Name + ": " + exception.Message + ")");
        }
    }
}
