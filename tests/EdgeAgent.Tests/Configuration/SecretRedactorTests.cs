using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

public sealed class SecretRedactorTests
{
    [Fact]
    public async Task Without_secrets_has_no_password_neither_in_the_model_nor_in_its_json()
    {
        var site = await ReadExampleAsync();
        Assert.Equal(SiteDocuments.OcppPassword, site.Chargers[0].OcppPassword); // the secrets were there to remove

        var redacted = SecretRedactor.WithoutSecrets(site);
        var json = SiteConfigurationReader.Write(redacted);

        Assert.All(redacted.Chargers, c => Assert.Null(c.OcppPassword));
        Assert.Null(redacted.Cloud!.Password);
        Assert.DoesNotContain(SiteDocuments.OcppPassword, json, StringComparison.Ordinal);
        Assert.DoesNotContain(SiteDocuments.CloudPassword, json, StringComparison.Ordinal);
        Assert.DoesNotContain("ocppPassword", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"password\"", json, StringComparison.Ordinal);

        // Everything that is not a secret is still there.
        Assert.Equal("garage-42", redacted.Cloud.Username);
        Assert.Equal(["CP001", "wb-02"], redacted.Chargers.Select(c => c.Id));
    }

    [Fact]
    public async Task Keep_secrets_from_carries_the_secrets_in_force_into_a_document_that_leaves_them_out()
    {
        var current = await ReadExampleAsync();
        var exported = SecretRedactor.WithoutSecrets(current);

        var merged = SecretRedactor.KeepSecretsFrom(exported, current);

        Assert.Equal(SiteDocuments.OcppPassword, merged.Chargers[0].OcppPassword);
        Assert.Null(merged.Chargers[1].OcppPassword); // it had none
        Assert.Equal(SiteDocuments.CloudPassword, merged.Cloud!.Password);
        Assert.Equal(SiteConfigurationReader.Write(current), SiteConfigurationReader.Write(merged));
    }

    [Fact]
    public async Task Keep_secrets_from_keeps_a_new_secret_and_gives_no_charger_another_ones_password()
    {
        var current = await ReadExampleAsync();
        const string newPassword = "a-brand-new-secret-1234";
        var incoming = SecretRedactor.WithoutSecrets(current) with
        {
            Chargers =
            [
                current.Chargers[0] with { OcppPassword = newPassword },
                current.Chargers[0] with { Id = "CP099", OcppPassword = null },
            ],
        };

        var merged = SecretRedactor.KeepSecretsFrom(incoming, current);

        Assert.Equal(newPassword, merged.Chargers[0].OcppPassword);
        Assert.Null(merged.Chargers[1].OcppPassword);
    }

    [Fact]
    public async Task A_problem_with_a_secret_never_repeats_the_secret()
    {
        // Too short and too long passwords, and one of the wrong type: each is a problem, none is echoed.
        const string shortSecret = "tooShortSecret";
        var longSecret = new string('k', 41);
        var json = SiteDocuments.ContractExample
            .Replace(SiteDocuments.OcppPassword, shortSecret, StringComparison.Ordinal)
            .Replace("\"password\": \"" + SiteDocuments.CloudPassword + "\"", "\"password\": 7788991122", StringComparison.Ordinal)
            .Replace("\"circuit\": \"deck-1\", \"phaseRotation\": \"L2L3L1\"", $"\"circuit\": \"deck-1\", \"ocppPassword\": \"{longSecret}\", \"phaseRotation\": \"L2L3L1\"", StringComparison.Ordinal);
        var reader = await SiteDocuments.CreateReaderAsync();

        var result = reader.Read(json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, p => p.Path == "$.chargers[0].ocppPassword");
        Assert.Contains(result.Errors, p => p.Path == "$.chargers[1].ocppPassword");
        Assert.Contains(result.Errors, p => p.Path == "$.cloud.password");
        var text = string.Join("\n", result.Problems);
        Assert.DoesNotContain(shortSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(longSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("7788991122", text, StringComparison.Ordinal);
    }

    private static async Task<SiteConfiguration> ReadExampleAsync()
    {
        var reader = await SiteDocuments.CreateReaderAsync();
        var result = reader.Read(SiteDocuments.ContractExample);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Configuration!;
    }
}
