@echo off
rem The ringfence command line on Windows, from the release bundle. Runs lib\ringfence.jar with the
rem JVM flags in lib\jvm.options (Chronicle Queue and Agrona need them on Java 17+).
rem   JAVA_HOME            the Java to use (else java.exe on the PATH); Java 17 or later
rem   RINGFENCE_JAVA_OPTS  extra JVM options, e.g. -Xmx512m
rem   RINGFENCE_CONFIG     the configuration file when --config is not given (default: conf\ringfence.conf)
rem RINGFENCE_HOME is set to the bundle's folder: conf\ringfence.conf keeps the journal under it.
setlocal

rem The bundle's folder: the parent of this file's folder, as a full path.
for %%I in ("%~dp0..") do set "RINGFENCE_HOME=%%~fI"
if not defined RINGFENCE_CONFIG set "RINGFENCE_CONFIG=%RINGFENCE_HOME%\conf\ringfence.conf"

rem Java: JAVA_HOME\bin\java.exe if JAVA_HOME is set, else java.exe on the PATH.
if defined JAVA_HOME goto java_from_home
where java.exe >nul 2>nul || goto no_java
set "JAVA_EXE=java.exe"
goto java_found
:java_from_home
set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if not exist "%JAVA_EXE%" goto no_java_in_home
:java_found

rem "java -fullversion" prints one line: openjdk full version "17.0.15+6-LTS" (Java 8: "1.8.0_...").
rem Its first number is the major version; anything that is not a number counts as too old.
set "JAVA_VERSION="
for /f "tokens=4" %%V in ('call "%JAVA_EXE%" -fullversion 2^>^&1') do set "JAVA_VERSION=%%~V"
set "JAVA_MAJOR=0"
for /f "delims=.+-_" %%M in ("%JAVA_VERSION%") do set "JAVA_MAJOR=%%M"
echo %JAVA_MAJOR%| findstr /r "^[0-9][0-9]*$" >nul || goto java_too_old
if %JAVA_MAJOR% LSS 17 goto java_too_old
set "JAVA_EXTRA="
if %JAVA_MAJOR% GEQ 24 set "JAVA_EXTRA=--sun-misc-unsafe-memory-access=allow"

"%JAVA_EXE%" %RINGFENCE_JAVA_OPTS% "@%RINGFENCE_HOME%\lib\jvm.options" %JAVA_EXTRA% -jar "%RINGFENCE_HOME%\lib\ringfence.jar" %*
exit /b %ERRORLEVEL%

:no_java_in_home
echo ringfence: JAVA_HOME is set to "%JAVA_HOME%", but "%JAVA_EXE%" does not exist. Point JAVA_HOME at a Java 17 or later installation. 1>&2
exit /b 1

:no_java
echo ringfence: Java was not found. Install Java 17 or later, then put it on the PATH or set JAVA_HOME. 1>&2
exit /b 1

:java_too_old
echo ringfence: Java 17 or later is needed; "%JAVA_EXE%" reports version "%JAVA_VERSION%". Install Java 17 or later and set JAVA_HOME to it. 1>&2
exit /b 1
