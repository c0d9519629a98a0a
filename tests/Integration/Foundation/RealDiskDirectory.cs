namespace ChargeNet.Integration.Tests.Foundation;

/// <summary>
/// A fresh directory for a store that must be on a real disk (next to the test build, not in
/// /tmp, which may be a RAM file system on CI): a durability test on tmpfs would pass whether the
/// store fsyncs or not.
/// </summary>
public static class RealDiskDirectory
{
    public static string Create(string prefix)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "store-data", prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var format = new DriveInfo(path).DriveFormat;
        if (format is "tmpfs" or "ramfs")
        {
            throw new InvalidOperationException($"{path} is on {format}, not a disk: the durability tests need one");
        }

        return path;
    }
}
