using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Resubmission : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ResubmittedAt",
                table: "Requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Failed",
                table: "IdentityChecks",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ArrivedOn",
                table: "Documents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SupersededAt",
                table: "Documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SupersededBy",
                table: "Documents",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResubmittedAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Failed",
                table: "IdentityChecks");

            migrationBuilder.DropColumn(
                name: "ArrivedOn",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "SupersededBy",
                table: "Documents");
        }
    }
}
