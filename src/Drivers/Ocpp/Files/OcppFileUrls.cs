using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChargeNet.Drivers.Ocpp.Files;

/// <summary>
/// The URLs the edge gives charge points in UpdateFirmware and GetDiagnostics, and their check.
/// Chargers fetch and upload with plain HTTP clients that seldom send credentials, so each URL
/// carries its own authority: the charge point it is for, an expiry and an HMAC-SHA256 over both and
/// what it grants (one firmware file, or diagnostics uploads), keyed with the edge's secret —
/// <c>{base}/ocpp-files/{chargePointId}/{expiresUnix}/{signature}/firmware/{fileName}</c> or
/// <c>…/diagnostics/</c>. Anything else gets 403. A diagnostics URL takes one upload: a second one
/// (while it has not expired) is refused, so a leaked URL cannot fill the disk for a day.
/// </summary>
public sealed class OcppFileUrls
{
    public const string Prefix = "/ocpp-files";
    public const string FirmwareGrant = "firmware";
    public const string DiagnosticsGrant = "diagnostics";

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    // Signatures of upload URLs that took their upload, with their expiry: forgotten once expired (then refused anyway).
    private readonly ConcurrentDictionary<string, long> _usedUploads = new(StringComparer.Ordinal);

    public OcppFileUrls(byte[] key, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("the signing key must have at least 32 bytes", nameof(key));
        }

        _key = key;
        _time = time;
    }

    /// <summary>Where <paramref name="chargePointId"/> downloads <paramref name="fileName"/>, until <paramref name="expiresAt"/>.</summary>
    public Uri Firmware(Uri edge, string chargePointId, string fileName, DateTimeOffset expiresAt) =>
        Build(edge, chargePointId, FirmwareGrant + "/" + fileName, expiresAt, FirmwareGrant + "/" + Uri.EscapeDataString(fileName));

    /// <summary>The folder <paramref name="chargePointId"/> uploads its diagnostics to (a file name may follow), until <paramref name="expiresAt"/>.</summary>
    public Uri Diagnostics(Uri edge, string chargePointId, DateTimeOffset expiresAt) =>
        Build(edge, chargePointId, DiagnosticsGrant, expiresAt, DiagnosticsGrant + "/");

    /// <summary>True when the signature grants <paramref name="grant"/> to the charge point and has not expired.</summary>
    public bool Allows(string chargePointId, string expires, string signature, string grant)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || unix < _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(chargePointId, unix, grant));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>
    /// Takes an allowed diagnostics URL for one upload; false when it already took one. A failed
    /// upload gives it back (<see cref="ReleaseUpload"/>), so the charge point can try again.
    /// </summary>
    public bool TryClaimUpload(string expires, string signature)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var expired in _usedUploads.Where(u => u.Value < now).Select(u => u.Key).ToList())
        {
            _usedUploads.TryRemove(expired, out _);
        }

        return long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && _usedUploads.TryAdd(signature, unix);
    }

    /// <summary>Gives a claimed upload URL back after its upload failed.</summary>
    public void ReleaseUpload(string signature) => _usedUploads.TryRemove(signature, out _);

    private Uri Build(Uri edge, string chargePointId, string grant, DateTimeOffset expiresAt, string tail)
    {
        var unix = expiresAt.ToUnixTimeSeconds();
        var path = $"{Prefix}/{Uri.EscapeDataString(chargePointId)}/{unix.ToString(CultureInfo.InvariantCulture)}/{Sign(chargePointId, unix, grant)}/{tail}";
        return new Uri(edge, path);
    }

    private string Sign(string chargePointId, long expiresUnix, string grant)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{chargePointId}\n{expiresUnix.ToString(CultureInfo.InvariantCulture)}\n{grant}"));
        return Convert.ToBase64String(mac, 0, 18).Replace('+', '-').Replace('/', '_'); // 144 bits, URL-safe, no padding
    }
}
