using System.Security.Cryptography;
using System.Text;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>PBKDF2-HMAC-SHA256 with a random salt per password; 310,000 iterations (the OWASP Password Storage Cheat Sheet figure of 2021).</summary>
public static class PasswordHasher
{
    public const int Iterations = 310_000;
    public const int MinimumLength = 8;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static LoginCredential Hash(string username, string password, DateTimeOffset now, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new LoginCredential(username, salt, Derive(password, salt, iterations), iterations, now);
    }

    /// <summary>True when <paramref name="password"/> is the one <paramref name="credential"/> was made from; constant time.</summary>
    public static bool Verify(LoginCredential credential, string password) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, credential.Salt, credential.Iterations), credential.Hash);

    /// <summary>Why a new password is refused, or null when it is acceptable.</summary>
    public static string? Weakness(string? password) =>
        password is null || password.Length < MinimumLength ? $"the password must have at least {MinimumLength} characters" : null;

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
