using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QueueKeysAndDashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_AssignedTo_DueAt_Id",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_DueAt_Id",
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

            migrationBuilder.AddColumn<string>(
                name: "PrincipalDuplicateKey",
                table: "Requests",
                type: "nvarchar(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PrincipalFamilyKanaKey",
                table: "Requests",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PrincipalFamilyNameKey",
                table: "Requests",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Requests filed before this migration get their keys from their principal, as PrivacyRequest sets them
            // for new ones.
            migrationBuilder.Sql(SqlServerBatch.Exec(QueueKeyBackfill.Sql(QueueKeyBackfill.Provider.SqlServer)));

            migrationBuilder.CreateIndex(
                name: "IX_Requests_DueAt_IsOpen_Status",
                table: "Requests",
                columns: new[] { "DueAt", "IsOpen", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_AssignedTo_DueAt_Id_ClockPausedSince",
                table: "Requests",
                columns: new[] { "IsOpen", "AssignedTo", "DueAt", "Id", "ClockPausedSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_DueAt_Id_ClockPausedSince",
                table: "Requests",
                columns: new[] { "IsOpen", "DueAt", "Id", "ClockPausedSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_PrincipalDuplicateKey",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalDuplicateKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_PrincipalFamilyKanaKey_DueAt_Id_ClockPausedSince",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalFamilyKanaKey", "DueAt", "Id", "ClockPausedSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_PrincipalFamilyNameKey_DueAt_Id_ClockPausedSince",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalFamilyNameKey", "DueAt", "Id", "ClockPausedSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_PrincipalKanaKey_DueAt_Id_ClockPausedSince",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalKanaKey", "DueAt", "Id", "ClockPausedSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_PrincipalNameKey_DueAt_Id_ClockPausedSince",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalNameKey", "DueAt", "Id", "ClockPausedSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Status_DueAt_Id_ClockPausedSince",
                table: "Requests",
                columns: new[] { "Status", "DueAt", "Id", "ClockPausedSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Status_Family_ReceivedAt_ClosedAt",
                table: "Requests",
                columns: new[] { "Status", "Family", "ReceivedAt", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeePayments_PaidOn_AmountYen",
                table: "FeePayments",
                columns: new[] { "PaidOn", "AmountYen" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_DueAt_IsOpen_Status",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_AssignedTo_DueAt_Id_ClockPausedSince",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_DueAt_Id_ClockPausedSince",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_PrincipalDuplicateKey",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_PrincipalFamilyKanaKey_DueAt_Id_ClockPausedSince",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_PrincipalFamilyNameKey_DueAt_Id_ClockPausedSince",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_PrincipalKanaKey_DueAt_Id_ClockPausedSince",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_PrincipalNameKey_DueAt_Id_ClockPausedSince",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Status_DueAt_Id_ClockPausedSince",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Status_Family_ReceivedAt_ClosedAt",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_FeePayments_PaidOn_AmountYen",
                table: "FeePayments");

            migrationBuilder.DropColumn(
                name: "PrincipalDuplicateKey",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "PrincipalFamilyKanaKey",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "PrincipalFamilyNameKey",
                table: "Requests");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_AssignedTo_DueAt_Id",
                table: "Requests",
                columns: new[] { "IsOpen", "AssignedTo", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_DueAt_Id",
                table: "Requests",
                columns: new[] { "IsOpen", "DueAt", "Id" });

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
    }
}
