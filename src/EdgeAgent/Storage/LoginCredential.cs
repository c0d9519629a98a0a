namespace ChargeNet.EdgeAgent.Storage;

/// <summary>A login's password, kept only as a slow salted hash (PBKDF2-HMAC-SHA256).</summary>
/// <param name="Username">The login name, e.g. <c>admin</c>.</param>
/// <param name="Salt">Random, 16 bytes or more, one per password.</param>
/// <param name="Hash">PBKDF2 of the password with <paramref name="Salt"/> and <paramref name="Iterations"/>.</param>
/// <param name="Iterations">The PBKDF2 iteration count the hash was made with.</param>
/// <param name="SetAt">When the password was set.</param>
public sealed record LoginCredential(string Username, byte[] Salt, byte[] Hash, int Iterations, DateTimeOffset SetAt);
