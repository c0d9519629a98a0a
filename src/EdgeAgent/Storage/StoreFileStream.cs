namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// The store's own stream over one of LiteDB's two files, so the store decides when they reach
/// durable storage (docs/architecture.md, "Durability"). LiteDB writes only the log on commits, on
/// its background writer, and calls <see cref="Flush"/> each time its queue runs empty; with its own
/// FileStream that was an fsync per drain, which the committing thread came to wait behind. Here the
/// log's <see cref="Flush"/> does nothing: <see cref="GroupSync"/> syncs it, once for every commit
/// that happened since the last sync. The data file is written only at checkpoints, and its
/// <see cref="Flush"/> is a real fsync, before LiteDB empties the log.
/// </summary>
internal sealed class StoreFileStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _isLog;
    private readonly Lock _positions = new();
    private long _epoch;
    private long _writtenEnd;
    private long _syncs;

    private StoreFileStream(Stream inner, bool isLog)
    {
        _inner = inner;
        _isLog = isLog;
        _writtenEnd = inner.Length;
    }

    /// <summary>Raised after each write to the log, for the sync that waits for a commit's pages.</summary>
    public event Action? Written;

    public static StoreFileStream OpenData(string path) => new(Open(path), isLog: false);

    public static StoreFileStream OpenLog(string path) => new(Open(path), isLog: true);

    /// <summary>For the in-memory store: the same accounting, nothing to sync.</summary>
    public static StoreFileStream InMemory(bool isLog) => new(new MemoryStream(), isLog);

    /// <summary>How far the log has been written (not yet synced), in its current life.</summary>
    public LogPosition WrittenTo
    {
        get
        {
            lock (_positions)
            {
                return new LogPosition(_epoch, _writtenEnd);
            }
        }
    }

    /// <summary>How many fsyncs this file had (for the tests that prove their order).</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => _inner.CanSeek;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => _inner.Length;

    public override long Position { get => _inner.Position; set => _inner.Position = value; }

    /// <summary>Pushes what was written to durable storage (fsync); returns what that covers.</summary>
    public LogPosition Sync()
    {
        var covered = WrittenTo;
        if (_inner is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }

        Interlocked.Increment(ref _syncs);
        return covered;
    }

    // LiteDB's writer calls this after each drain of its queue; the log is synced by GroupSync instead.
    public override void Flush()
    {
        if (!_isLog)
        {
            Sync();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    /// <summary>
    /// LiteDB empties the log after a checkpoint, once the data file holds its pages and was synced:
    /// a new life of the log begins. Synced at once, so pages of the new life can never be read
    /// after a power loss together with stale ones of the old (LiteDB restarts transaction ids at 0).
    /// </summary>
    public override void SetLength(long value)
    {
        _inner.SetLength(value);
        if (_isLog)
        {
            lock (_positions)
            {
                _epoch++;
                _writtenEnd = value;
            }

            Sync();
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _inner.Write(buffer, offset, count);
        if (_isLog)
        {
            lock (_positions)
            {
                _writtenEnd = Math.Max(_writtenEnd, _inner.Position);
            }

            Written?.Invoke();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Unbuffered (buffer size 1): each LiteDB page goes to the kernel as it is written. Owner only, whatever
    // the umask, and an older file made wider is narrowed: the file holds the cloud password (docs/security.md).
    private static FileStream Open(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = 1 };
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, options);
        }

        options.UnixCreateMode = OwnerOnly;
        var stream = new FileStream(path, options);
        try
        {
            if (File.GetUnixFileMode(stream.SafeFileHandle) != OwnerOnly)
            {
                File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Only a file's owner may change its mode: a file another account owns (a restore made as root
            // for a group) keeps the mode its owner chose, rather than the store refusing to open.
        }

        return stream;
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
}
