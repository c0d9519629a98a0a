using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Web;

public sealed class LoginSessionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_login_lapses_after_its_lifetime_without_use_and_use_renews_it()
    {
        var sessions = new LoginSessions(_time);
        var session = sessions.Create("admin");

        _time.Advance(LoginSessions.Lifetime - TimeSpan.FromMinutes(1));
        Assert.NotNull(sessions.Find(session.Token));
        _time.Advance(LoginSessions.Lifetime - TimeSpan.FromMinutes(1));
        Assert.NotNull(sessions.Find(session.Token));
        _time.Advance(LoginSessions.Lifetime);
        Assert.Null(sessions.Find(session.Token));
    }

    [Fact]
    public void A_login_kept_busy_still_ends_at_its_absolute_lifetime()
    {
        var sessions = new LoginSessions(_time);
        var session = sessions.Create("admin");
        for (var used = TimeSpan.Zero; used < LoginSessions.AbsoluteLifetime - TimeSpan.FromHours(1); used += TimeSpan.FromHours(1))
        {
            _time.Advance(TimeSpan.FromHours(1));
            Assert.NotNull(sessions.Find(session.Token));
        }

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Null(sessions.Find(session.Token));
    }

    [Fact]
    public void Tokens_are_unguessable_and_the_csrf_token_differs_from_the_session_token()
    {
        var sessions = new LoginSessions(_time);
        var a = sessions.Create("admin");
        var b = sessions.Create("admin");

        Assert.NotEqual(a.Token, b.Token);
        Assert.NotEqual(a.Token, a.CsrfToken);
        Assert.True(a.Token.Length >= 40);
        Assert.Null(sessions.Find(a.CsrfToken));
        Assert.Null(sessions.Find(""));
    }

    [Fact]
    public void Ending_all_logins_ends_every_one_whatever_its_name()
    {
        var sessions = new LoginSessions(_time);
        var a = sessions.Create("admin");
        var b = sessions.Create("ADMIN");

        sessions.EndAll();

        Assert.Null(sessions.Find(a.Token));
        Assert.Null(sessions.Find(b.Token));
    }
}
