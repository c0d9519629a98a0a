using ChargeNet.EdgeAgent.Hosting;

namespace ChargeNet.EdgeAgent.Tests.Hosting;

public sealed class JournalOutputTests
{
    private static Func<int, string?> Streams(string? stdout, string? stderr) => fd => fd switch { 1 => stdout, 2 => stderr, _ => null };

    private static Func<string, string?> Env(string? journalStream) => name => name == "JOURNAL_STREAM" ? journalStream : null;

    [Theory]
    [InlineData("8:4711", "socket:[4711]", "/dev/pts/0")]
    [InlineData("8:4711", "/var/log/x.log", "socket:[4711]")]
    [InlineData("12:99", "pipe:[99]", null)]
    public void The_journal_is_there_when_JOURNAL_STREAM_names_our_output_or_error(string stream, string stdout, string? stderr) =>
        Assert.True(JournalOutput.IsConnected(Env(stream), Streams(stdout, stderr)));

    [Theory]
    [InlineData(null, "socket:[4711]")]
    [InlineData("", "socket:[4711]")]
    [InlineData("8:4711", "socket:[4712]")]
    [InlineData("8:4711", "socket:[14711]")]
    [InlineData("4711", "socket:[4711]")]
    [InlineData("8:", "socket:[]")]
    [InlineData("8:4711", null)]
    public void Not_when_it_is_unset_malformed_or_names_another_stream(string? stream, string? stdout) =>
        Assert.False(JournalOutput.IsConnected(Env(stream), Streams(stdout, stdout)));

    [Fact]
    public void The_standard_streams_of_this_process_can_be_read() =>
        Assert.NotNull(JournalOutput.ReadStreamTarget(1));
}
