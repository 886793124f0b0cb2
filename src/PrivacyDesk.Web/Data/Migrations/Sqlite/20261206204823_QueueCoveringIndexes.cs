using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Queue_PrincipalDuplicateKey",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalDuplicateKey", "Id", "Kinds" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Queue_PrincipalFamilyKanaKey",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalFamilyKanaKey", "DueAt", "Id", "ClockPausedSince", "Status", "ReferenceNumber", "Family", "Kinds", "Channel", "ReceivedAt", "AssignedTo", "PrincipalName", "PrincipalDuplicateKey", "ResubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Queue_PrincipalFamilyNameKey",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalFamilyNameKey", "DueAt", "Id", "ClockPausedSince", "Status", "ReferenceNumber", "Family", "Kinds", "Channel", "ReceivedAt", "AssignedTo", "PrincipalName", "PrincipalDuplicateKey", "ResubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Queue_PrincipalKanaKey",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalKanaKey", "DueAt", "Id", "ClockPausedSince", "Status", "ReferenceNumber", "Family", "Kinds", "Channel", "ReceivedAt", "AssignedTo", "PrincipalName", "PrincipalDuplicateKey", "ResubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Queue_PrincipalNameKey",
                table: "Requests",
                columns: new[] { "IsOpen", "PrincipalNameKey", "DueAt", "Id", "ClockPausedSince", "Status", "ReferenceNumber", "Family", "Kinds", "Channel", "ReceivedAt", "AssignedTo", "PrincipalName", "PrincipalDuplicateKey", "ResubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_Queue_PrincipalDuplicateKey",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Queue_PrincipalFamilyKanaKey",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Queue_PrincipalFamilyNameKey",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Queue_PrincipalKanaKey",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Queue_PrincipalNameKey",
                table: "Requests");

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
        }
    }
}
