
  
-- nothing yet
/* todo */
