using System.Text.RegularExpressions;
using ChargeNet.EdgeAgent.Tests.Storage;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Web;

public sealed partial class AdminAccountTests : IDisposable
{
    private readonly TestStore _store = TestStore.Open(TestStore.File);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero));
    private readonly CapturingLogger<AdminAccount> _log = new();

    [Fact]
    public async Task The_initial_password_from_the_environment_is_kept_as_a_hash_and_survives_a_restart()
    {
        using (var account = NewAccount())
        {
            await account.InitializeAsync("first-password", CancellationToken.None);
            Assert.False(account.SetupRequired);
        }

        _store.Reopen();
        var stored = await _store.Store.Logins.FindAsync(AdminAccount.Username, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.DoesNotContain(_log.Messages, m => m.Contains("first-password", StringComparison.Ordinal));

        using var restarted = NewAccount();
        // A later start with another variable does not overwrite the password in force.
        await restarted.InitializeAsync("other-password", CancellationToken.None);
        Assert.NotNull(await restarted.LoginAsync("admin", "first-password", CancellationToken.None));
        Assert.Null(await restarted.LoginAsync("admin", "other-password", CancellationToken.None));
        Assert.Null(await restarted.LoginAsync("root", "first-password", CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_password_the_setup_step_needs_the_code_from_the_log_and_works_once()
    {
        using var account = NewAccount();
        await account.InitializeAsync(null, CancellationToken.None);
        Assert.True(account.SetupRequired);
        var code = SetupCode().Match(string.Join('\n', _log.Messages)).Groups[1].Value;
        Assert.Equal(8, code.Length);

        var (wrong, none) = await account.SetUpAsync(code == "00000000" ? "11111111" : "00000000", "a-new-password", CancellationToken.None);
        Assert.Contains("setup code is wrong", wrong, StringComparison.Ordinal);
        Assert.Null(none);
        Assert.True(account.SetupRequired);

        var (problem, session) = await account.SetUpAsync(code, "a-new-password", CancellationToken.None);
        Assert.Null(problem);
        Assert.NotNull(session);
        Assert.False(account.SetupRequired);
        Assert.NotNull(await account.LoginAsync("admin", "a-new-password", CancellationToken.None));

        var (again, _) = await account.SetUpAsync(code, "another-password", CancellationToken.None);
        Assert.Contains("already set", again, StringComparison.Ordinal);
        Assert.Null(await account.LoginAsync("admin", "another-password", CancellationToken.None));
    }

    [Fact]
    public async Task A_too_short_initial_password_is_not_used_and_setup_is_offered_instead()
    {
        using var account = NewAccount();
        await account.InitializeAsync("short", CancellationToken.None);

        Assert.True(account.SetupRequired);
        Assert.Null(await _store.Store.Logins.FindAsync(AdminAccount.Username, CancellationToken.None));
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_a_new_acceptable_one_and_ends_every_other_login()
    {
        var sessions = new LoginSessions(_time);
        using var account = new AdminAccount(_store.Store, sessions, _time, _log);
        await account.InitializeAsync("first-password", CancellationToken.None);
        var session = await account.LoginAsync("admin", "first-password", CancellationToken.None);
        var other = await account.LoginAsync("admin", "first-password", CancellationToken.None);

        var wrong = await account.ChangePasswordAsync("admin", "wrong-password", "second-password", CancellationToken.None);
        Assert.Equal((PasswordChangeRefusal.CurrentPasswordField, true), (wrong.Refusal!.Path, wrong.Refusal.WrongCurrentPassword));
        Assert.Equal(PasswordChangeRefusal.NewPasswordField, (await account.ChangePasswordAsync("admin", "first-password", "short", CancellationToken.None)).Refusal!.Path);
        Assert.Equal(PasswordChangeRefusal.NewPasswordField, (await account.ChangePasswordAsync("admin", "first-password", "first-password", CancellationToken.None)).Refusal!.Path);
        Assert.NotNull(sessions.Find(other!.Token));

        var changed = await account.ChangePasswordAsync("admin", "first-password", "second-password", CancellationToken.None);
        Assert.Null(changed.Refusal);

        Assert.Null(sessions.Find(session!.Token));
        Assert.Null(sessions.Find(other.Token));
        Assert.NotNull(sessions.Find(changed.Session!.Token));
        Assert.Null(await account.LoginAsync("admin", "first-password", CancellationToken.None));
        Assert.NotNull(await account.LoginAsync("admin", "second-password", CancellationToken.None));
    }

    [Fact]
    public async Task A_login_typed_as_ADMIN_carries_the_canonical_name_and_ends_when_admin_changes_the_password()
    {
        var sessions = new LoginSessions(_time);
        using var account = new AdminAccount(_store.Store, sessions, _time, _log);
        await account.InitializeAsync("first-password", CancellationToken.None);
        var shouting = await account.LoginAsync("ADMIN", "first-password", CancellationToken.None);
        Assert.Equal(AdminAccount.Username, shouting!.Username);
        var admin = await account.LoginAsync("admin", "first-password", CancellationToken.None);

        var changed = await account.ChangePasswordAsync(admin!.Username, "first-password", "second-password", CancellationToken.None);
        Assert.Null(changed.Refusal);

        Assert.Null(sessions.Find(shouting.Token));
        Assert.Null(sessions.Find(admin.Token));
        Assert.Null(await account.LoginAsync("ADMIN", "first-password", CancellationToken.None));
    }

    public void Dispose() => _store.Dispose();

    private AdminAccount NewAccount() => new(_store.Store, new LoginSessions(_time), _time, _log);

    [GeneratedRegex("setup code ([0-9]{8})")]
    private static partial Regex SetupCode();
}
