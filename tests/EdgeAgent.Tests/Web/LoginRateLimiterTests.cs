using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Web;

public sealed class LoginRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public void After_the_allowed_failures_the_address_waits_until_the_window_passes()
    {
        var limiter = new LoginRateLimiter(_time);
        for (var i = 0; i < LoginRateLimiter.MaxFailures - 1; i++)
        {
            limiter.RecordFailure("10.0.0.9");
            Assert.Equal(TimeSpan.Zero, limiter.RetryAfter("10.0.0.9"));
        }

        limiter.RecordFailure("10.0.0.9");
        Assert.Equal(LoginRateLimiter.Window, limiter.RetryAfter("10.0.0.9"));
        Assert.Equal(TimeSpan.Zero, limiter.RetryAfter("10.0.0.10"));

        _time.Advance(LoginRateLimiter.Window - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.RetryAfter("10.0.0.9"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.RetryAfter("10.0.0.9"));
    }

    [Fact]
    public void A_successful_login_clears_the_failures()
    {
        var limiter = new LoginRateLimiter(_time);
        for (var i = 0; i < LoginRateLimiter.MaxFailures - 1; i++)
        {
            limiter.RecordFailure("10.0.0.9");
        }

        limiter.RecordSuccess("10.0.0.9");
        limiter.RecordFailure("10.0.0.9");

        Assert.Equal(TimeSpan.Zero, limiter.RetryAfter("10.0.0.9"));
    }

    [Fact]
    public void Attempts_in_flight_are_counted_before_their_password_is_checked()
    {
        var limiter = new LoginRateLimiter(_time);
        for (var i = 0; i < LoginRateLimiter.MaxFailures; i++)
        {
            Assert.True(limiter.TryReserve("10.0.0.9", out _));
        }

        // None of the five has finished, and still the sixth must wait.
        Assert.False(limiter.TryReserve("10.0.0.9", out var wait));
        Assert.Equal(LoginRateLimiter.Window, wait);
        Assert.True(limiter.TryReserve("10.0.0.10", out _));
    }
}
