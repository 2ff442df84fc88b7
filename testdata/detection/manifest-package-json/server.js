console.log('signal-eau');
