using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_AssignedTo_DueAt",
                table: "Requests");

            migrationBuilder.AddColumn<string>(
                name: "PrincipalKanaKey",
                table: "Requests",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PrincipalNameKey",
                table: "Requests",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Requests filed before this migration get their keys from their principal (names are stored normalised,
            // with single spaces), as PrivacyRequest sets them for new ones.
            migrationBuilder.Sql(SqlServerBatch.Exec("UPDATE [Requests] SET [PrincipalNameKey] = (SELECT REPLACE(p.[FullName], ' ', '') FROM [People] p WHERE p.[Id] = [Requests].[PrincipalId]), [PrincipalKanaKey] = (SELECT p.[SearchKana] FROM [People] p WHERE p.[Id] = [Requests].[PrincipalId])"));

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_AssignedTo_DueAt_Id",
                table: "Requests",
                columns: new[] { "IsOpen", "AssignedTo", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_PrincipalKanaKey_DueAt_Id",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalKanaKey", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_PrincipalNameKey_DueAt_Id",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalNameKey", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Status_DueAt_Id",
                table: "Requests",
                columns: new[] { "Status", "DueAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_AssignedTo_DueAt_Id",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_PrincipalKanaKey_DueAt_Id",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_PrincipalNameKey_DueAt_Id",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Status_DueAt_Id",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "PrincipalKanaKey",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "PrincipalNameKey",
                table: "Requests");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_AssignedTo_DueAt",
                table: "Requests",
                columns: new[] { "AssignedTo", "DueAt" });
        }
    }
}
