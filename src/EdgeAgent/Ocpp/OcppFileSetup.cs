using System.Security.Cryptography;
using ChargeNet.Drivers.Ocpp.Files;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>
/// Where the edge keeps the files of the Firmware Management profile in its data directory
/// (<c>firmware/</c> served to chargers, <c>diagnostics/{chargerId}/</c> uploaded by them), and the
/// secret its charger file URLs are signed with (<c>ocpp-files.key</c>, made once, readable by the
/// daemon only; a new key invalidates the URLs already handed out).
/// </summary>
public static class OcppFileSetup
{
    public const string KeyFileName = "ocpp-files.key";

    /// <summary>The largest diagnostics upload accepted from a charger.</summary>
    public const long MaxDiagnosticsBytes = 50L * 1024 * 1024;

    public static OcppFileOptions Options(string dataDir) => new()
    {
        FirmwareDirectory = Directory.CreateDirectory(Path.Combine(dataDir, "firmware")).FullName,
        DiagnosticsDirectory = Directory.CreateDirectory(Path.Combine(dataDir, "diagnostics")).FullName,
        MaxUploadBytes = MaxDiagnosticsBytes,
    };

    public static byte[] LoadOrCreateKey(string dataDir)
    {
        var path = Path.Combine(Directory.CreateDirectory(dataDir).FullName, KeyFileName);
        if (File.Exists(path) && File.ReadAllBytes(path) is { Length: >= 32 } existing)
        {
            return existing;
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        {
            file.Write(key);
            file.Flush(flushToDisk: true);
        }

        return key;
    }
}
