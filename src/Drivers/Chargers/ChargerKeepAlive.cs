using ChargeNet.Drivers.Templates;

namespace ChargeNet.Drivers.Chargers;

/// <summary>
/// Keeps up a charger's keep-alive on a <see cref="TimeProvider"/> timer once the charger has answered:
/// rewrites the limit, toggles the life bit or writes the heartbeat every <c>periodS</c>.
/// A round that falls due while the previous one is still running is sent right after it, never
/// dropped and never run twice at once.
/// </summary>
internal sealed class ChargerKeepAlive : IAsyncDisposable
{
    private readonly ModbusCharger _charger;
    private readonly KeepAliveDefinition _definition;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private int _running;
    private int _dueAgain;
    private bool _toggle;

    public ChargerKeepAlive(ModbusCharger charger, KeepAliveDefinition definition, TimeProvider timeProvider)
    {
        _charger = charger;
        _definition = definition;
        _time = timeProvider;
    }

    public void Start()
    {
        var period = TimeSpan.FromSeconds(_definition.PeriodS);
        _timer ??= _time.CreateTimer(_ => Tick(), null, period, period);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    // The timer's tick: one round falls due.
    private void Tick()
    {
        Volatile.Write(ref _dueAgain, 1);
        _ = RunDueRoundsAsync();
    }

    private async Task RunDueRoundsAsync()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            while (Interlocked.Exchange(ref _dueAgain, 0) == 1)
            {
                _toggle = !_toggle;
                await _charger.SendKeepAliveAsync(_definition, _toggle, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (ObjectDisposedException)
        {
            // Stopped while a round was under way.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }

        // A tick that came between the last round and the release above would otherwise be lost. Only what is due runs:
        // marking a round due here, as a tick does, sent one round more whenever another tick's run took over between the
        // release and this check and had already taken its round (docs/control-loop-sessions.md, Session 15).
        if (Volatile.Read(ref _dueAgain) == 1 && !_stopping.IsCancellationRequested)
        {
            await RunDueRoundsAsync().ConfigureAwait(false);
        }
    }
}
