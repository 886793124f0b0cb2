using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueDeadline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AssignedAt",
                table: "Requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssignedTo",
                table: "Requests",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClockPausedSince",
                table: "Requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueAt",
                table: "Requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsOpen",
                table: "Requests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "PausedTotal",
                table: "Requests",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "ResponseTargetDays",
                table: "Requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing rows (none are deployed yet): open unless withdrawn (11), rejected (12) or closed (6), with the
            // default target. DueAt stays null for them (no backfill); they sort after dated requests in the queue.
            migrationBuilder.Sql("UPDATE \"Requests\" SET \"IsOpen\" = (\"Status\" NOT IN (6, 11, 12)), \"ResponseTargetDays\" = 14;");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_AssignedTo_DueAt",
                table: "Requests",
                columns: new[] { "AssignedTo", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_DueAt_Id",
                table: "Requests",
                columns: new[] { "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_DueAt_Id",
                table: "Requests",
                columns: new[] { "IsOpen", "DueAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_AssignedTo_DueAt",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_DueAt_Id",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_DueAt_Id",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "AssignedAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "AssignedTo",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ClockPausedSince",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "IsOpen",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "PausedTotal",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ResponseTargetDays",
                table: "Requests");
        }
    }
}
