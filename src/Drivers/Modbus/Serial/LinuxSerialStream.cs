using System.Runtime.InteropServices;

namespace ChargeNet.Drivers.Modbus.Serial;

/// <summary>
/// A Linux tty as a stream whose waiting reads cost nothing: the descriptor is non-blocking, and a read
/// that finds no bytes is parked until a thread of this line, blocked in poll(2) on the tty and on an
/// eventfd, sees the tty readable. The eventfd wakes that thread when a read starts, is cancelled, or
/// the line closes; the tty is watched only while a read waits, so unread input never spins the thread.
/// One read at a time (the transport's turn guarantees it); writes go straight to the tty.
/// </summary>
internal sealed class LinuxSerialStream : SerialLineStream
{
    private const int EventFdCloseOnExec = 0x80000;
    private const int EventFdNonBlocking = 0x800;

    /// <summary>A tty with flow control off always takes bytes; one that does not for this long has failed.</summary>
    private static readonly TimeSpan StuckLineTimeout = TimeSpan.FromSeconds(5);

    private readonly SafeFileDescriptor _line;
    private readonly SafeFileDescriptor _wake;
    private readonly string _portName;
    private readonly Lock _gate = new();
    private readonly Thread _waiter;
    private PendingRead? _pending;
    private IOException? _fault;
    private bool _closed;

    public LinuxSerialStream(SafeFileDescriptor line, string portName)
    {
        _line = line;
        _portName = portName;
        _wake = LinuxInterop.Own(LinuxInterop.EventFd(0, EventFdCloseOnExec | EventFdNonBlocking), "cannot make an eventfd");

        _waiter = new Thread(WaitForInput) { IsBackground = true, Name = $"serial {portName}" };
        _waiter.Start();
    }

    /// <summary>The tty's descriptor, for reading its settings back.</summary>
    public SafeFileDescriptor Handle => _line;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        if (buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }

        PendingRead pending;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (_fault is not null)
            {
                throw new IOException(_fault.Message, _fault);
            }

            if (_pending is not null)
            {
                throw new InvalidOperationException($"{_portName}: a read is already waiting.");
            }

            var read = TryRead(buffer.Span);
            if (read >= 0)
            {
                return ValueTask.FromResult(read);
            }

            pending = new PendingRead(this, buffer);
            _pending = pending;
        }

        Wake();
        return WaitAsync(pending, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var deadline = Environment.TickCount64 + (long)StuckLineTimeout.TotalMilliseconds;
        fixed (byte* start = buffer)
        {
            var offset = 0;
            while (offset < buffer.Length)
            {
                var written = LinuxInterop.Write(_line, start + offset, (nuint)(buffer.Length - offset));
                if (written >= 0)
                {
                    offset += (int)written;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == LinuxInterop.ErrorWouldBlock)
                {
                    WaitWritable(deadline);
                }
                else if (errno != LinuxInterop.ErrorInterrupted)
                {
                    throw new IOException($"cannot write to {_portName}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
                }
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // A Modbus frame fits the tty's output queue many times over: the write returns at once.
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            PendingRead? pending;
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                pending = _pending;
                _pending = null;
            }

            pending?.TrySetException(new ObjectDisposedException(_portName, $"{_portName} was closed while a read waited."));
            Wake();
            _waiter.Join(TimeSpan.FromSeconds(5));
            _line.Dispose();
            _wake.Dispose();
        }

        base.Dispose(disposing);
    }

    private static async ValueTask<int> WaitAsync(PendingRead pending, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.UnsafeRegister(
            static (state, token) =>
            {
                var read = (PendingRead)state!;
                read.Owner.Cancel(read, token);
            },
            pending);
        return await pending.Task.ConfigureAwait(false);
    }

    /// <summary>Waits (briefly, in slices) until the tty takes bytes again; throws when it has not for too long.</summary>
    private unsafe void WaitWritable(long deadline)
    {
        var remaining = deadline - Environment.TickCount64;
        if (remaining <= 0)
        {
            throw new IOException($"{_portName} took no bytes for {StuckLineTimeout.TotalSeconds:F0} s.");
        }

        var added = false;
        try
        {
            _line.DangerousAddRef(ref added);
            var descriptor = new PollDescriptor { Fd = (int)_line.DangerousGetHandle(), Events = LinuxInterop.PollOut };
            _ = LinuxInterop.Poll(&descriptor, 1, (int)Math.Min(remaining, 100));
        }
        finally
        {
            if (added)
            {
                _line.DangerousRelease();
            }
        }
    }

    /// <summary>Reads what is there: the byte count, 0 at end of file, or -1 when nothing is there yet.</summary>
    private unsafe int TryRead(Span<byte> buffer)
    {
        while (true)
        {
            nint read;
            fixed (byte* start = buffer)
            {
                read = LinuxInterop.Read(_line, start, (nuint)buffer.Length);
            }

            if (read >= 0)
            {
                return (int)read;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == LinuxInterop.ErrorWouldBlock)
            {
                return -1;
            }

            if (errno != LinuxInterop.ErrorInterrupted)
            {
                throw new IOException($"cannot read from {_portName}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
            }
        }
    }

    private void Cancel(PendingRead read, CancellationToken token)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_pending, read))
            {
                return;
            }

            _pending = null;
        }

        read.TrySetCanceled(token);
        Wake();
    }

    /// <summary>The waiter thread: blocks in poll(2) until the tty has bytes for a waiting read, or it is woken.</summary>
    private unsafe void WaitForInput()
    {
        var lineAdded = false;
        var wakeAdded = false;
        try
        {
            _line.DangerousAddRef(ref lineAdded);
            _wake.DangerousAddRef(ref wakeAdded);
            var lineFd = (int)_line.DangerousGetHandle();
            var wakeFd = (int)_wake.DangerousGetHandle();
            var descriptors = stackalloc PollDescriptor[2];
            while (true)
            {
                bool wantInput;
                lock (_gate)
                {
                    if (_closed)
                    {
                        return;
                    }

                    wantInput = _pending is not null;
                }

                descriptors[0] = new PollDescriptor { Fd = wakeFd, Events = LinuxInterop.PollIn };
                descriptors[1] = new PollDescriptor { Fd = wantInput ? lineFd : -1, Events = LinuxInterop.PollIn };
                if (LinuxInterop.Poll(descriptors, 2, -1) < 0)
                {
                    if (Marshal.GetLastPInvokeError() == LinuxInterop.ErrorInterrupted)
                    {
                        continue;
                    }

                    throw LinuxInterop.LastError($"cannot wait for {_portName}");
                }

                if (descriptors[0].ReturnedEvents != 0)
                {
                    ulong count;
                    _ = LinuxInterop.Read(wakeFd, (byte*)&count, sizeof(ulong));
                }

                if (wantInput && descriptors[1].ReturnedEvents != 0)
                {
                    CompletePending(descriptors[1].ReturnedEvents);
                }
            }
        }
        catch (IOException ex)
        {
            Fail(ex);
        }
        finally
        {
            if (wakeAdded)
            {
                _wake.DangerousRelease();
            }

            if (lineAdded)
            {
                _line.DangerousRelease();
            }
        }
    }

    private void CompletePending(short events)
    {
        PendingRead? done;
        var count = 0;
        Exception? error = null;
        lock (_gate)
        {
            done = _pending;
            if (done is null)
            {
                return;
            }

            try
            {
                count = TryRead(done.Buffer.Span);
            }
            catch (IOException ex)
            {
                error = ex;
            }

            if (count < 0)
            {
                if ((events & (LinuxInterop.PollError | LinuxInterop.PollHangUp | LinuxInterop.PollInvalid)) == 0)
                {
                    return;
                }

                error = new IOException($"{_portName} hung up or failed (poll events 0x{events:X}).");
            }

            _pending = null;
        }

        if (error is null)
        {
            done.TrySetResult(count);
        }
        else
        {
            done.TrySetException(error);
        }
    }

    private void Fail(IOException error)
    {
        PendingRead? pending;
        lock (_gate)
        {
            _fault = error;
            pending = _pending;
            _pending = null;
        }

        pending?.TrySetException(error);
    }

    private unsafe void Wake()
    {
        try
        {
            ulong one = 1;
            _ = LinuxInterop.Write(_wake, (byte*)&one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: the waiter has gone.
        }
    }

    /// <summary>A read waiting for bytes; completed on the waiter thread, its continuations elsewhere.</summary>
    private sealed class PendingRead(LinuxSerialStream owner, Memory<byte> buffer)
        : TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public LinuxSerialStream Owner { get; } = owner;

        public Memory<byte> Buffer { get; } = buffer;
    }
}
