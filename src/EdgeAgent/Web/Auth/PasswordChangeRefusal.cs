namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>Why a password change was refused: the field at fault (a JSON path of the request) and what is wrong with it.</summary>
public sealed record PasswordChangeRefusal(string Path, string Message, bool WrongCurrentPassword)
{
    public const string CurrentPasswordField = "$.currentPassword";
    public const string NewPasswordField = "$.newPassword";
}
