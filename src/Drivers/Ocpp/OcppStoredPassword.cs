using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChargeNet.Drivers.Ocpp;

/// <summary>
/// A charge point's HTTP Basic password (security profiles 1 and 2) as the edge keeps it: PBKDF2-HMAC-SHA256
/// with a random salt of its own, written <c>pbkdf2-sha256$iterations$salt$hash</c> (base64). Never the
/// password, never an unsalted hash. The work factor and the verify cache are explained in docs/security.md.
/// </summary>
public sealed class OcppStoredPassword
{
    /// <summary>PBKDF2 iterations for a new password (docs/security.md says why this many).</summary>
    public const int Iterations = 10_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly byte[] _salt;
    private readonly byte[] _hash;
    private readonly int _iterations;

    // The verify cache: a keyed MAC (key random per instance, never stored) of the last password that
    // verified, so a charger that reconnects costs one MAC instead of PBKDF2. Wrong passwords are
    // never cached: each costs the full derivation.
    private readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    private byte[]? _lastVerified;

    private OcppStoredPassword(byte[] salt, int iterations, byte[] hash)
    {
        _salt = salt;
        _iterations = iterations;
        _hash = hash;
        Stored = string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>The stored form, <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
    public string Stored { get; }

    /// <summary>Hashes <paramref name="password"/> with a new random salt.</summary>
    public static OcppStoredPassword Create(string password, int iterations = Iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new OcppStoredPassword(salt, iterations, Derive(password, salt, iterations));
    }

    /// <summary>Reads a stored form; false for anything else (a password, a hash of another kind).</summary>
    public static bool TryParse(string? stored, out OcppStoredPassword? password)
    {
        password = null;
        var parts = stored?.Split('$');
        if (parts is not { Length: 4 } || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        var salt = new byte[parts[2].Length];
        var hash = new byte[parts[3].Length];
        if (!Convert.TryFromBase64String(parts[2], salt, out var saltLength) || saltLength == 0
            || !Convert.TryFromBase64String(parts[3], hash, out var hashLength) || hashLength != HashBytes)
        {
            return false;
        }

        password = new OcppStoredPassword(salt[..saltLength], iterations, hash[..hashLength]);
        return true;
    }

    /// <summary>True when <paramref name="password"/> is the one this was made from; compared in constant time.</summary>
    public bool Verify(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var mac = HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes(password));
        if (Volatile.Read(ref _lastVerified) is { } known && CryptographicOperations.FixedTimeEquals(known, mac))
        {
            return true;
        }

        if (!CryptographicOperations.FixedTimeEquals(Derive(password, _salt, _iterations), _hash))
        {
            return false;
        }

        Volatile.Write(ref _lastVerified, mac);
        return true;
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
