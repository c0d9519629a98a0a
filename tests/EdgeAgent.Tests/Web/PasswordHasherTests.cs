using ChargeNet.EdgeAgent.Web.Auth;

namespace ChargeNet.EdgeAgent.Tests.Web;

public sealed class PasswordHasherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_right_password_verifies_and_a_wrong_one_does_not()
    {
        var credential = PasswordHasher.Hash("admin", "correct horse", Now);

        Assert.True(PasswordHasher.Verify(credential, "correct horse"));
        Assert.False(PasswordHasher.Verify(credential, "correct hors"));
        Assert.False(PasswordHasher.Verify(credential, "Correct horse"));
    }

    [Fact]
    public void The_hash_is_slow_salted_and_never_the_password()
    {
        var first = PasswordHasher.Hash("admin", "correct horse", Now);
        var second = PasswordHasher.Hash("admin", "correct horse", Now);

        Assert.True(first.Iterations >= 100_000);
        Assert.Equal(16, first.Salt.Length);
        Assert.NotEqual(first.Salt, second.Salt);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.DoesNotContain("correct horse", System.Text.Encoding.UTF8.GetString(first.Hash), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_made_with_other_iterations_still_verifies_with_its_own_count()
    {
        var credential = PasswordHasher.Hash("admin", "correct horse", Now, iterations: 120_000);

        Assert.Equal(120_000, credential.Iterations);
        Assert.True(PasswordHasher.Verify(credential, "correct horse"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    public void Short_passwords_are_refused(string? password) => Assert.NotNull(PasswordHasher.Weakness(password));
}
