using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClosingNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ClosesIfUnansweredOn",
                table: "Requests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastReminderAt",
                table: "Requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RejectionGround",
                table: "Requests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RemindersSent",
                table: "Requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClosesIfUnansweredOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "LastReminderAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "RejectionGround",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "RemindersSent",
                table: "Requests");
        }
    }
}
