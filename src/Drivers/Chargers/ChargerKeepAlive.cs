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
        _timer ??= _time.CreateTimer(_ => _ = TickAsync(), null, period, period);
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

    private async Task TickAsync()
    {
        Volatile.Write(ref _dueAgain, 1);
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

        // A tick that came between the last round and the release above would otherwise be lost.
        if (Volatile.Read(ref _dueAgain) == 1 && !_stopping.IsCancellationRequested)
        {
            await TickAsync().ConfigureAwait(false);
        }
    }
}
